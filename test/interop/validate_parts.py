"""Validates the parts of .xlsx files against the ISO/IEC 29500-4 transitional schemas.

Usage: validate_parts.py <schema dir> <file.xlsx>...
Prints one JSON object: {"<file>": {"<part>": "ok" | "<first errors>"}}.

Markup compatibility first (ECMA-376 Part 3, as ../shared/ooxml-schemas/README.md describes):
the namespaces listed in the root's mc:Ignorable are set aside (their attributes and elements
removed), mc: attributes are removed, and mc:AlternateContent is replaced by its mc:Fallback
content (or the first mc:Choice whose namespaces are all understood), before validating.
"""
import json
import re
import sys
import zipfile

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

SCHEMAS = [
    (re.compile(r"^xl/(workbook|styles|sharedStrings|metadata)\.xml$"), "sml.xsd"),
    (re.compile(r"^xl/worksheets/sheet\d+\.xml$"), "sml.xsd"),
    (re.compile(r"^xl/drawings/drawing\d+\.xml$"), "dml-spreadsheetDrawing.xsd"),
    (re.compile(r"^xl/charts/chart\d+\.xml$"), "dml-chart.xsd"),
]


def namespace(tag):
    return tag[1:].split("}")[0] if isinstance(tag, str) and tag.startswith("{") else None


def process_markup_compatibility(root):
    ignorable = set()
    prefixes = (root.get("{%s}Ignorable" % MC) or "").split()
    for prefix in prefixes:
        uri = root.nsmap.get(prefix)
        if uri:
            ignorable.add(uri)
    understood = set(uri for uri in root.nsmap.values() if uri not in ignorable and uri != MC)

    for alternate in list(root.iter("{%s}AlternateContent" % MC)):
        chosen = alternate.find("{%s}Fallback" % MC)
        if chosen is None:
            for choice in alternate.findall("{%s}Choice" % MC):
                required = [choice.nsmap.get(p) for p in (choice.get("Requires") or "").split()]
                if all(uri in understood for uri in required):
                    chosen = choice
                    break
        parent = alternate.getparent()
        index = parent.index(alternate)
        parent.remove(alternate)
        if chosen is not None:
            for offset, child in enumerate(list(chosen)):
                parent.insert(index + offset, child)

    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if namespace(element.tag) in ignorable or namespace(element.tag) == MC:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for name in list(element.attrib):
            if namespace(name) in ignorable or namespace(name) == MC:
                del element.attrib[name]
    return root


def main():
    schema_dir = sys.argv[1]
    schemas = {}
    report = {}
    for path in sys.argv[2:]:
        results = {}
        with zipfile.ZipFile(path) as z:
            for part in sorted(z.namelist()):
                xsd = next((x for pattern, x in SCHEMAS if pattern.match(part)), None)
                if xsd is None:
                    continue
                if xsd not in schemas:
                    schemas[xsd] = etree.XMLSchema(etree.parse("%s/%s" % (schema_dir, xsd)))
                root = process_markup_compatibility(etree.fromstring(z.read(part)))
                schema = schemas[xsd]
                if schema.validate(root):
                    results[part] = "ok"
                else:
                    results[part] = "; ".join("line %d: %s" % (e.line, e.message) for e in list(schema.error_log)[:3])
        report[path] = results
    print(json.dumps(report))


if __name__ == "__main__":
    main()
