; The Windows installer of 公开栏设计器 (gongkai), built on Linux by scripts/package.sh with
; Debian's nsis:  makensis -DVERSION=0.1.0 -DEXE=path\to\gongkai.exe -DOUTFILE=... gongkai.nsi
;
; Installs gongkai.exe under Program Files\gongkai, a start-menu and a desktop shortcut named
; 公开栏设计器, and the file type of projects (*.gongkai.json): Windows chooses a program by the
; last extension only, so gongkai is added to .json's "open with" list, and becomes .json's
; default program only where .json had none. The uninstaller removes exactly that, and gives
; .json back only if it is still gongkai's. Clerks' projects and the app's settings
; (%APPDATA%\gongkai) are theirs and stay.

; A 64-bit installer, like the app (it needs 64-bit Windows anyway); this also lets it run
; under a 64-bit-only wine in scripts/smoke_package.sh.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z is required"
!endif
!ifndef EXE
  !error "makensis -DEXE=path/to/gongkai.exe is required"
!endif
!ifndef ICON
  !define ICON "..\..\assets\icon\gongkai.ico"
!endif
!ifndef SIZE_KB
  !define SIZE_KB 0
!endif
!ifndef OUTFILE
  !define OUTFILE "gongkai-setup-${VERSION}.exe"
!endif

!define PRODUCT "公开栏设计器"
!define PROGID "gongkai.project"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\gongkai"

!include "MUI2.nsh"
!include "x64.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\gongkai"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\gongkai.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT}需要 64 位 Windows（Windows 10 或 11）。"
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "install"
  SetOutPath "$INSTDIR"
  File "/oname=gongkai.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\gongkai.exe" "" "$INSTDIR\gongkai.exe" 0
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\gongkai.exe" "" "$INSTDIR\gongkai.exe" 0

  ; The project file type.
  WriteRegStr HKLM "Software\Classes\${PROGID}" "" "${PRODUCT}项目"
  WriteRegStr HKLM "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\gongkai.exe,0"
  WriteRegStr HKLM "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\gongkai.exe" "%1"'
  WriteRegStr HKLM "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKLM "Software\Classes\Applications\gongkai.exe" "FriendlyAppName" "${PRODUCT}"
  WriteRegStr HKLM "Software\Classes\Applications\gongkai.exe\SupportedTypes" ".json" ""
  WriteRegStr HKLM "Software\Classes\Applications\gongkai.exe\shell\open\command" "" '"$INSTDIR\gongkai.exe" "%1"'
  ReadRegStr $0 HKCR ".json" ""
  ${If} $0 == ""
    WriteRegStr HKLM "Software\Classes\.json" "" "${PROGID}"
  ${EndIf}

  ; 设置 › 应用: name, version, icon, size, and the uninstaller.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\gongkai.exe,0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "gongkai"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}

  ; Explorer: the file types changed.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"

  ReadRegStr $0 HKLM "Software\Classes\.json" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKLM "Software\Classes\.json" ""
  ${EndIf}
  DeleteRegValue HKLM "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKLM "Software\Classes\.json\OpenWithProgids"
  DeleteRegKey /ifempty HKLM "Software\Classes\.json"
  DeleteRegKey HKLM "Software\Classes\${PROGID}"
  DeleteRegKey HKLM "Software\Classes\Applications\gongkai.exe"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"

  Delete "$INSTDIR\gongkai.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
