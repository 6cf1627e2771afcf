#!/usr/bin/env bash
# Remakes the README's pictures of the reports: runs the LibreOffice print check (PrintedWorkbooksTest), which
# writes each kind of workbook from a realistic test data set (src/test/.../testing/RealisticBilling.java) and
# leaves them in target/pictures/, then prints each with LibreOffice headless to PDF and turns pages into PNGs:
#   <workbook>.png          the first page (the Summary sheet)
#   <workbook>-sheet2.png   the top of the second page (the first data sheet), at a readable size
# Installs LibreOffice Calc and poppler-utils with apt-get where they are missing. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/pictures
work=target/pictures

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null
fi

rm -rf "$work" && mkdir -p "$work"
./mvnw -B -ntp -q test -Dtest=PrintedWorkbooksTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpf.pictures.dir="$PWD/$work"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for workbook in "$work"/*.xlsx; do
  name=$(basename "$workbook" .xlsx)
  soffice --headless --norestore "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$work" \
    "$workbook" >/dev/null
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$name.pdf" "$out/$name"
  # The data sheet printed one page wide is small on a whole page: its top left, at print resolution.
  pdftoppm -png -r 150 -f 2 -l 2 -singlefile -x 0 -y 90 -W 1650 -H 480 "$work/$name.pdf" "$out/$name-sheet2"
  echo "$out/$name.png, $out/$name-sheet2.png ($(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}') pages)"
done
