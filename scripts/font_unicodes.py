"""Prints the code points the bundled fonts keep, one hex value a line (pyftsubset --unicodes-file).

Every character GBK encodes (all 20,923 GBK hanzi among them), plus Latin-1, punctuation,
symbols, CJK Unified Ideographs with Extension A and the full-width forms.
"""

def gbk_code_points():
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                yield ord(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass

RANGES = [
    (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F),
    (0x3200, 0x32FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]

points = set(gbk_code_points())
for first, last in RANGES:
    points.update(range(first, last + 1))
for point in sorted(points):
    print("%04X" % point)
