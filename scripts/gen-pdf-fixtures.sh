#!/usr/bin/env bash
# Regenerates the externally produced PDF fixtures of the PDF redaction tests
# (tests/DriveSync.Sanitization.Tests/Pdf/Fixtures/):
#  - lo-*.pdf: each document is written here as flat ODF, converted to DOCX, and the DOCX converted to PDF by
#    LibreOffice headless (embedded subset TrueType fonts, the common real-world case);
#  - chromium-statement.pdf: an HTML statement printed by headless Chromium (Type0/Identity-H subset fonts,
#    the "print to PDF" of web statements).
# Needs `soffice` (Debian: libreoffice-writer-nogui) and `chromium`; CI does not run this, the resulting PDFs
# are checked in. The planted values match PdfFixtures.cs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/DriveSync.Sanitization.Tests/Pdf/Fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium not found: apt-get install -y --no-install-recommends chromium" >&2; exit 1; }

head() {
  cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="11pt"/></style:default-style>
  <style:style style:name="Heading" style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Cols" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
  <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
XML
}
tail_() { printf ' </office:text></office:body>\n</office:document>\n'; }

{ head; cat <<'XML'
  <text:p text:style-name="Heading">Department of the Treasury - Internal Revenue Service</text:p>
  <text:p>Notice CP2000 <text:tab/>Tax year 2023 <text:tab/>Notice date November 15, 2024</text:p>
  <text:p>JANE Q DOE</text:p>
  <text:p>1200 MARKET ST APT 5, SAN FRANCISCO CA 94105-1234</text:p>
  <text:p>Taxpayer ID number: <text:span text:style-name="Bold">524-71-3398</text:span></text:p>
  <text:p>Your SSN 524-71-3398 appears on the enclosed statement.</text:p>
  <text:p>Contact us at jane.doe@example.com or call (415) 555-0199 today.</text:p>
  <text:p>Form 1040-ES payments received: $1,234.56</text:p>
  <text:p>Statement account 4111-2222-3333 was reviewed.</text:p>
  <text:p>We propose a change to your tax. The information we received from third parties doesn’t match the information you reported on your tax return. If you agree, sign and return the response form; efficient offices finish reviews within 30 days.</text:p>
XML
tail_; } > "$work/lo-cp2000.fodt"

{ head; cat <<'XML'
  <text:p text:style-name="Heading">Account statement</text:p>
  <text:p>Customer SSN 524-71-3398 - statement period 2024-10</text:p>
  <table:table table:name="Rows"><table:table-column table:number-columns-repeated="4"/>
   <table:table-row><table:table-cell><text:p>Date</text:p></table:table-cell><table:table-cell><text:p>Description</text:p></table:table-cell><table:table-cell><text:p>Account</text:p></table:table-cell><table:table-cell><text:p>Amount</text:p></table:table-cell></table:table-row>
XML
for i in $(seq 0 29); do
  day=$(printf '%02d' $((i % 28 + 1)))
  if [ $((i % 5)) -eq 0 ]; then desc="Transfer to jane.doe@example.com"; else desc="Card purchase #$((1000 + i))"; fi
  if [ $((i % 3)) -eq 0 ]; then acct="4111-2222-3333"; else acct="Ref 2024-$((5000 + i))"; fi
  printf '   <table:table-row><table:table-cell><text:p>2024-10-%s</text:p></table:table-cell><table:table-cell><text:p>%s</text:p></table:table-cell><table:table-cell><text:p>%s</text:p></table:table-cell><table:table-cell><text:p>$%d.25</text:p></table:table-cell></table:table-row>\n' "$day" "$desc" "$acct" $((i * 17 + 3))
done
echo '  </table:table>'
tail_; } > "$work/lo-statement.fodt"

{ head; cat <<'XML'
  <text:p text:style-name="Heading">Two-column notice</text:p>
  <text:section text:name="Columns" text:style-name="Cols">
   <text:p>Left column opens the page and continues the story down the page. Write to jane.doe@example.com for any question about the Form 1040-ES estimate. This paragraph is long enough to fill the first column with ordinary words so that the second column starts at the top of the page beside it, the way newsletters and notices are laid out. More ordinary words follow here to keep the column going down the page for a while, line after line after line, until the column is full and the text flows on.</text:p>
   <text:p>Still the first column: a few more sentences of filler text that say nothing personal at all, written only to take up space. Another sentence of filler. Another sentence of filler. Another sentence of filler. Another sentence of filler. Another sentence of filler. Another sentence of filler. Another sentence of filler. Another sentence of filler. Another sentence of filler.</text:p>
   <text:p>The right column holds the taxpayer record: SSN 524-71-3398 and the note that the Tax year 2023 is open. Call (415) 555-0199 with questions.</text:p>
  </text:section>
XML
tail_; } > "$work/lo-two-column.fodt"

for name in lo-cp2000 lo-statement lo-two-column; do
  soffice --headless -env:UserInstallation=file://"$work"/profile --convert-to docx:"MS Word 2007 XML" --outdir "$work" "$work/$name.fodt" >/dev/null
  soffice --headless -env:UserInstallation=file://"$work"/profile --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null
  cp "$work/$name.pdf" "$out/$name.pdf"
  echo "wrote $out/$name.pdf ($(stat -c %s "$out/$name.pdf") bytes)"
done

cat > "$work/chromium-statement.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
 body { font-family: "DejaVu Sans"; font-size: 11pt; margin: 2cm; }
 table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #888; padding: 3px 6px; text-align: left; }
</style></head><body>
<h1>Account statement</h1>
<p>Customer SSN 524-71-3398 - statement period 2024-10. Questions: jane.doe@example.com or (415) 555-0199.</p>
<table><tr><th>Date</th><th>Description</th><th>Account</th><th>Amount</th></tr>
HTML
for i in $(seq 0 19); do
  day=$(printf '%02d' $((i % 28 + 1)))
  if [ $((i % 5)) -eq 0 ]; then desc="Transfer to jane.doe@example.com"; else desc="Card purchase #$((1000 + i))"; fi
  if [ $((i % 3)) -eq 0 ]; then acct="4111-2222-3333"; else acct="Ref 2024-$((5000 + i))"; fi
  printf '<tr><td>2024-10-%s</td><td>%s</td><td>%s</td><td>$%d.25</td></tr>\n' "$day" "$desc" "$acct" $((i * 17 + 3)) >> "$work/chromium-statement.html"
done
echo '</table><p>Form 1040-ES payments received: $1,234.56. Efficient offices finish reviews within 30 days.</p></body></html>' >> "$work/chromium-statement.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$work/chromium" \
  --print-to-pdf="$out/chromium-statement.pdf" "file://$work/chromium-statement.html" 2>/dev/null
echo "wrote $out/chromium-statement.pdf ($(stat -c %s "$out/chromium-statement.pdf") bytes)"
