#!/usr/bin/env python3
"""Writes the bundled demo documents (all personal data in them is synthetic).

Run from anywhere: python3 samples/make_samples.py; it writes into samples/drive/, the folder `drivesync demo`
serves as a Google Drive. The outputs are checked in; this script documents how the binary ones (DOCX, the Google
Doc export, the text PDF, the image-only PDF, the ZIP) were made, and regenerates them byte for byte. The text files
(the .txt notice, the CSV, and `Scanned W-2 2024.pdf.ocr.txt`, the text the Drive emulator's OCR "finds" in the
scanned PDF) are written by hand.
"""
import io
import os
import struct
import zipfile
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drive")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def zip_archive(entries, compression):
    """A ZIP of (name, bytes or str) entries, every entry dated FIXED_TIME."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = compression
            z.writestr(info, data)
    return buffer.getvalue()


def docx(paragraphs):
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '</Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
    body = "".join(
        '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % p.replace("&", "&amp;").replace("<", "&lt;")
        for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body>%s</w:body></w:document>' % body)
    return zip_archive(
        (("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("word/document.xml", document)),
        zipfile.ZIP_DEFLATED)


def pdf(objects):
    """A PDF of these objects (numbered from 1, object 1 the catalog) with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def image_only_pdf():
    """A one-page 'scanned' PDF: the page only paints a grey image, there is no text layer."""
    width, height = 64, 32
    pixels = bytes((x * 4 + y * 2) % 256 for y in range(height) for x in range(width))
    image = zlib.compress(pixels)
    content = b"q 500 0 0 250 50 400 cm /Im1 Do Q"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(image)) + image + b"\nendstream",
    ])


def text_pdf(lines):
    """A one-page letter with a text layer: standard Helvetica (not embedded, WinAnsiEncoding), one Tj per line.

    lines: (x, y, text) in points from the bottom-left corner of a US-letter page, 10 pt."""
    ops = ["BT", "/F1 10 Tf"]
    for x, y, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append("1 0 0 1 %d %d Tm (%s) Tj" % (x, y, escaped))
    ops.append("ET")
    content = "\n".join(ops).encode("cp1252")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])


def png(width, height, shade):
    """A small greyscale PNG (a stand-in photo)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes((shade + x + y) % 256 for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


write("Letter to Maria Example.docx", docx([
    "Riverside Credit Union, 200 Harbor Way, Springfield",
    "March 4, 2024",
    "Dear Maria Example,",
    "We have updated the account ending in 4455 (account number 0012894455) held under SSN 401-23-5567.",
    "If you did not request this change, call us at (217) 555-0187 or write to maria.example@example.com.",
    "Your new card 4111 1111 1111 1111 will arrive within 10 days.",
    "Sincerely, Member Services",
]))
write("Case notes.gdoc.docx", docx([
    "Case notes — client intake (synthetic)",
    "Client: Robert Testperson, DOB 04/12/1978, SSN 512-44-3021.",
    "Reached by phone at 312-555-0199; follow-up by e-mail to r.testperson@example.net.",
    "Routing number 021000021, account 987654321 for the refund.",
]))
write("Scanned W-2 2024.pdf", image_only_pdf())
write("Notice CP2000 tax year 2022.pdf", text_pdf([
    (72, 720, "Department of the Treasury"),
    (72, 706, "Internal Revenue Service"),
    (360, 720, "Notice CP2000"),
    (360, 706, "Tax year 2022"),
    (360, 692, "Notice date: August 19, 2024"),
    (72, 660, "Taxpayer: Morgan Testcase"),
    (72, 646, "4821 OAK RIDGE DR"),
    (72, 632, "AUSTIN TX 78745"),
    (360, 660, "Social Security number: 529-81-4406"),
    (360, 646, "To contact us: 1-800-555-0162"),
    (360, 632, "Your caller ID: 611874"),
    (72, 596, "Changes to your 2022 Form 1040"),
    (72, 572, "The income and payment information we have on file from your employers, banks and other"),
    (72, 558, "payers does not match the information you reported on your tax return."),
    (72, 534, "Payer: Fabrikam Savings, account number 66031287, amount omitted: $2,905.00"),
    (72, 510, "Proposed amount due: $731.00"),
    (72, 486, "If you agree with the changes, sign the response form and mail it with your payment."),
    (72, 472, "Questions: write to morgan.testcase@example.org or call 1-800-555-0162."),
    (72, 458, "Daytime phone on file: (512) 555-0148."),
]))
write("photos.zip", zip_archive(
    (("IMG_0001.png", png(16, 12, 40)), ("IMG_0002.png", png(16, 12, 160))), zipfile.ZIP_STORED))
