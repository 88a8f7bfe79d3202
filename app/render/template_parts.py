"""The fixed parts of the KẾ HOẠCH template: styles, numbering, page-number header, settings
and the package plumbing. Only what the document uses exists (a lean template renders faster).
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIRST_LINE = 720  # 1.27 cm first-line indent of the body
FONT = "Times New Roman"


def styles_xml() -> str:
    """Only the styles the template uses: Normal, Body, CanCu, Muc, Khoan, KhoanText."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    body_ppr = f'<w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:ind w:firstLine="{FIRST_LINE}"/><w:jc w:val="both"/>'

    def style(sid: str, name: str, ppr: str = "", rpr: str = "", based: str = "Body") -> str:
        return (
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
        )

    def numbered(level: int) -> str:
        return f'<w:keepNext/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
        '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        + style("Body", "KH Body", body_ppr, based="Normal")
        + style("CanCu", "KH Legal basis", rpr="<w:i/><w:iCs/>")
        + style("Muc", "KH Part I.", numbered(0), "<w:b/><w:bCs/>")
        + style("Khoan", "KH Item 1.", numbered(1), "<w:b/><w:bCs/>")
        + style("KhoanText", "KH Item 1. untitled", numbered(1).replace("<w:keepNext/>", ""))
        + "</w:styles>"
    )


def numbering_xml() -> str:
    """Mục (I., II., ...) and khoản (1., 2., ...; restarts under each mục) numbering."""

    def level(ilvl: int, fmt: str) -> str:
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="%{ilvl + 1}."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{FIRST_LINE}"/></w:pPr></w:lvl>'
        )

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
        '<w:multiLevelType w:val="multilevel"/>'
        + level(0, "upperRoman")
        + level(1, "decimal")
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def header_xml() -> str:
    """Page number, centred, 14 pt; the section's titlePg hides it on page 1."""
    rpr = '<w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
    field = (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{field}</w:p></w:hdr>'
    )


SETTINGS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat></w:settings>"
)
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{MAIN_CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{MAIN_CT}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{MAIN_CT}.numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{MAIN_CT}.settings+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{MAIN_CT}.header+xml"/>'
    "</Types>"
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdNumbering" Type="{REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdHeader" Type="{REL}/header" Target="header1.xml"/></Relationships>'
)
