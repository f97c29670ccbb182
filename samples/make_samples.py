#!/usr/bin/env python3
"""Writes the bundled demo documents (all personal data in them is synthetic).

Run from anywhere: python3 samples/make_samples.py; it writes into samples/drive/, the folder `drivesync demo`
serves as a Google Drive. The outputs are checked in; this script documents how
the binary ones (DOCX, the Google Doc export, the image-only PDF) were made, and regenerates them byte for byte.
"""
import os
import zipfile
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drive")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


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
    path = os.path.join(HERE, "_tmp.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def image_only_pdf():
    """A one-page 'scanned' PDF: the page only paints a grey image, there is no text layer."""
    width, height = 64, 32
    pixels = bytes((x * 4 + y * 2) % 256 for y in range(height) for x in range(width))
    image = zlib.compress(pixels)
    content = b"q 500 0 0 250 50 400 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(image)) + image + b"\nendstream",
    ]
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
