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
    """Attributes no sample of their owner has; a loop variable reused by two loops (`r` over `referents`, then
    over `annexe`) has the samples of both."""
    samples: dict[str, list[object]] = {name: [value] for name, value in context.items()}
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name):
            for items in resolve(loop.iter, samples):
                if isinstance(items, list) and items:
                    samples.setdefault(loop.target.name, []).append(items[0])
    missing = set()
    for node in tree.find_all(nodes.Getattr):
        owners = [o for o in resolve(node.node, samples) if isinstance(o, dict)]
        if owners and all(node.attr not in owner for owner in owners):
            missing.add(f"{dotted(node.node)}.{node.attr}")
    return missing


def resolve(node: nodes.Node, samples: dict[str, list[object]]) -> list[object]:
    """The sample values an expression such as `c.parcours` may point to (none when it cannot be known)."""
    if isinstance(node, nodes.Name):
        return samples.get(node.name, [])
    if isinstance(node, nodes.Getattr):
        return [o[node.attr] for o in resolve(node.node, samples) if isinstance(o, dict) and node.attr in o]
    return []


def dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{dotted(node.node)}.{node.attr}"
    return "…"
