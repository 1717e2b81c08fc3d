"""PDF guides: one section per page with text, with a budget on unpacked content so a decompression bomb is refused."""

from __future__ import annotations

import io

from copilot.knowledge.decoding import readable_size
from copilot.knowledge.readers.text import slugify
from copilot.knowledge.results import FileResult
from copilot.knowledge.schema import Guide, GuideSection

# all page content of one PDF, unpacked (a 600 KB bomb once unpacked to 629 MB and took 1.24 GB of memory)
PDF_MAX_INFLATED_BYTES = 64 * 1024 * 1024


def load_pdf(result: FileResult, raw: bytes, stem: str) -> None:
    """A PDF guide: one section per page with text."""
    rel = result.info.path
    result.info.kind = "pdf"
    if not raw.startswith(b"%PDF-"):
        result.add(
            "not a PDF (the file does not start with %PDF-)",
            "export it again as PDF, or give it the extension of its real format",
        )
        return
    try:
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import LimitReachedError
    except ImportError:
        result.add("reading PDF needs pypdf 6 or later", "pip install 'pypdf>=6'")
        return
    too_big = (
        f"the PDF unpacks to more than {readable_size(PDF_MAX_INFLATED_BYTES)} of page content (a decompression bomb, "
        "or pages drawn as huge vector art); not read",
        "export the text as .md or .txt, or save the PDF again with text rather than drawings",
    )
    try:
        # pypdf's own limits, tightened to this budget: no single stream may unpack past it
        with apply_configuration(
            zlib_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            lzw_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            run_length_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            brotli_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            array_based_stream_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            stream_decoding_work_maximum_length=PDF_MAX_INFLATED_BYTES,
        ):
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                result.add("the PDF is password-protected", "save an unprotected copy")
                return
            inflated = 0
            for page in reader.pages:  # all pages together too, before any text is parsed: many small bombs are one
                contents = page.get_contents()
                inflated += len(contents.get_data()) if contents is not None else 0
                if inflated > PDF_MAX_INFLATED_BYTES:
                    result.add(*too_big)
                    return
            pages = [(page.extract_text() or "").strip() for page in reader.pages]
            meta_title = reader.metadata.title if reader.metadata else None
    except LimitReachedError:
        result.add(*too_big)
        return
    except Exception as exc:  # pypdf raises many types on damaged files; each one is reported, none is hidden
        result.add(f"cannot read the PDF: {exc}", "export it again as PDF")
        return
    if not any(pages):
        result.add(
            "the PDF has no text layer (scanned images?)",
            "run OCR on it or export the text as .md or .txt",
            severity="warning",
        )
        return
    doc_id = f"guide-{slugify(stem)}"
    first_line = next((line.strip() for page in pages for line in page.splitlines() if line.strip()), stem)
    sections = [
        GuideSection(id=f"{doc_id}#page-{n}", title=f"page {n}", text=text) for n, text in enumerate(pages, 1) if text
    ]
    result.document = Guide(
        id=doc_id,
        title=str(meta_title or first_line)[:120],
        type="guide",
        source=rel,
        format="pdf",
        sections=sections,
    )
