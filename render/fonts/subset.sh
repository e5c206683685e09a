#!/bin/sh
# Rebuilds the three embedded font subsets from the fonts installed by the
# Debian packages fonts-wqy-microhei, fonts-arphic-gbsn00lp and
# fonts-arphic-ukai. All three keep the same characters.
#
# Kept: ASCII, Latin-1, general punctuation (U+2000-206F), CJK punctuation
# (U+3000-303F), full-width forms (U+FF00-FFEF), every GB2312 character
# (hanzi, symbols such as ≥ and ①, Greek and Cyrillic letters), and every
# character of templates/config.yaml, templates/briefing.tmpl and the Go
# sources of package render. Outlines stay TrueType (glyf); the PDF library
# cannot read CFF outlines or font collections.
#
# Needs python3 with fontTools (Debian: python3-fonttools). Run from anywhere:
#   sh render/fonts/subset.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=${PYTHON:-/usr/bin/python3}
hei=${HEI_TTC:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
song=${SONG_TTF:-/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf}
kai=${KAI_TTC:-/usr/share/fonts/truetype/arphic/ukai.ttc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The code points to keep, one U+XXXX per line.
"$py" - "$root" > "$tmp/unicodes.txt" <<'PY'
import glob, os, sys
root = sys.argv[1]
keep = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
keep |= set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
for cp in range(0x80, 0x10000):
    if 0xD800 <= cp < 0xE000:
        continue
    try:
        chr(cp).encode("gb2312")
        keep.add(cp)
    except UnicodeEncodeError:
        pass
files = [os.path.join(root, "templates", "config.yaml"), os.path.join(root, "templates", "briefing.tmpl")]
files += sorted(glob.glob(os.path.join(root, "render", "*.go")))
for name in files:
    with open(name, encoding="utf-8") as f:
        keep |= {ord(c) for c in f.read() if ord(c) >= 0x20}
for cp in sorted(keep):
    print("U+%04X" % cp)
PY

# Takes member 0 out of a font collection, keeping its timestamp so that the
# subsets come out the same on every run.
member0() {
	"$py" -c 'import sys; from fontTools.ttLib import TTCollection; TTCollection(sys.argv[1], recalcTimestamp=False).fonts[0].save(sys.argv[2])' "$1" "$2"
}
# Member 0 of wqy-microhei.ttc is WenQuanYi Micro Hei (proportional); member
# 0 of ukai.ttc is AR PL UKai CN (the simplified-Chinese glyph forms).
member0 "$hei" "$tmp/hei.ttf"
member0 "$kai" "$tmp/kai.ttf"

sub() {
	"$py" -m fontTools.subset "$1" --unicodes-file="$tmp/unicodes.txt" \
		--output-file="$2" --no-hinting --layout-features= \
		--drop-tables+=GSUB,GPOS,GDEF,FFTM,mort,morx,vhea,vmtx,gasp,DSIG \
		--name-IDs='*' --name-languages='*' --notdef-outline
}
sub "$tmp/hei.ttf" "$here/wqy-microhei-subset.ttf"
sub "$song" "$here/gbsn00lp-subset.ttf"
sub "$tmp/kai.ttf" "$here/ukai-subset.ttf"
ls -l "$here"/*.ttf
