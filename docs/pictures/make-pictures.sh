#!/usr/bin/env bash
# Remakes the README's pictures of the reports from the demo's data: builds the jar, runs `demo` (a small data
# set, in a scratch working directory so that neither .promptforge/ nor reports/ here is touched), then prints
# each workbook it wrote with LibreOffice headless to PDF and turns pages into PNGs:
#   <kind>.png          the first page (the Summary / Manifest sheet)
#   <kind>-sheet2.png   the top of the second page (the first data sheet), at a readable size
# Installs LibreOffice Calc and poppler-utils with apt-get where they are missing. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=docs/pictures

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null
fi

./mvnw -B -ntp -q -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && java -jar "$root/target/promptforge-batch.jar" demo orgs=60 runs=30000 >/dev/null)

for workbook in "$work"/reports/*/*.xlsx; do
  # one picture per kind of workbook: the file name without its run-specific suffix
  case "$(basename "$workbook")" in
    entitlement-sync-*) kind=entitlement-sync ;;
    usage-report-*) kind=usage-report ;;
    audit-*) kind=audit-export ;;
    *) kind=$(basename "$workbook" .xlsx) ;;
  esac
  soffice --headless --norestore "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work" \
    "$workbook" >/dev/null
  pdf="$work/$(basename "$workbook" .xlsx).pdf"
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$out/$kind"
  # The first page of the second sheet: the first whose footer no longer names the first sheet (a Summary may take
  # two pages).
  first_sheet=$(pdftotext -f 1 -l 1 "$pdf" - | grep -E '^(Summary|Manifest)$' | head -1)
  page=2
  while [ -n "$first_sheet" ] && pdftotext -f $page -l $page "$pdf" - | grep -qx "$first_sheet"; do page=$((page + 1)); done
  # The data sheet printed one page wide is small on a whole page: its top left, at print resolution.
  pdftoppm -png -r 150 -f $page -l $page -singlefile -x 0 -y 90 -W 1650 -H 480 "$pdf" "$out/$kind-sheet2"
  echo "$out/$kind.png, $out/$kind-sheet2.png ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') pages)"
done
