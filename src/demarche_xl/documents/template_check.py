"""`--verifier-modele`: the variables a (custom) template uses that its rendering context does not provide.

Top-level names come from docxtpl's `get_undeclared_template_variables`; attributes of loop variables and of
dict variables (`{{ c.nom }}` inside `{%p for c in convocations %}`) are checked by walking the Jinja syntax tree
against a sample of the context.
"""
from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import nodes

from demarche_xl.documents.render import environment


def unknown_variables(template: Path, context: dict) -> list[str]:
    """Names such as « nom_du_principal » or « c.telephone » the template uses and the context lacks (sorted)."""
    document = DocxTemplate(str(template))
    env = environment()
    missing = {name for name in document.get_undeclared_template_variables(env, context)}
    tree = env.parse(template_source(document))
    missing |= unknown_attributes(tree, context)
    return sorted(missing)


def template_source(document: DocxTemplate) -> str:
    """The Jinja source docxtpl renders: body, headers and footers, after its own clean-up of Word runs."""
    document.init_docx()
    source = document.patch_xml(document.get_xml())
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            source += document.patch_xml(document.get_part_xml(part))
    return source


def unknown_attributes(tree: nodes.Template, context: dict) -> set[str]:
    samples: dict[str, object] = dict(context)
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name):
            items = resolve(loop.iter, samples)
            if isinstance(items, list) and items:
                samples[loop.target.name] = items[0]
    missing = set()
    for node in tree.find_all(nodes.Getattr):
        owner = resolve(node.node, samples)
        if isinstance(owner, dict) and node.attr not in owner:
            missing.add(f"{dotted(node.node)}.{node.attr}")
    return missing


def resolve(node: nodes.Node, samples: dict[str, object]) -> object:
    """The sample value an expression such as `c.parcours` points to, or None when it cannot be known."""
    if isinstance(node, nodes.Name):
        return samples.get(node.name)
    if isinstance(node, nodes.Getattr):
        owner = resolve(node.node, samples)
        return owner.get(node.attr) if isinstance(owner, dict) else None
    return None


def dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{dotted(node.node)}.{node.attr}"
    return "…"
