"""Building the add-ins: one copy of xlwings' ribbon add-in template per action, named
`demarche_xl.excel.<action>.xlam`.

Only `customUI/customUI.xml` changes; every other part (the VBA project above all) is copied byte for byte from the
template of the installed xlwings, so Excel runs VBA it compiled itself and xlwings finds matching versions.

Why one add-in per button: the template's callback (`RibbonMyAddin.RunMain`, read with olevba) ignores which ribbon
control was clicked and runs `import <module>; <module>.main()` where `<module>` is the add-in's file name without
`.xlam`. Telling buttons apart inside one add-in would need new VBA, which we do not author.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from demarche_xl.excel.actions import ACTIONS, Action
from demarche_xl.excel.ribbon import custom_ui, template_callback
from demarche_xl.problems import UserError

TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
CUSTOM_UI_PART = "customUI/customUI.xml"
VBA_PART = "xl/vbaProject.bin"
ADDIN_PATTERN = "demarche_xl.*.xlam"


def template_path() -> Path:
    """The ribbon add-in template shipped with the installed xlwings."""
    try:
        import xlwings
    except ImportError as error:
        raise UserError("le module xlwings n'est pas installé", "installez-le : pip install xlwings") from error
    path = Path(xlwings.__file__).parent / TEMPLATE_NAME
    if not path.is_file():
        raise UserError(f"le modèle de complément « {TEMPLATE_NAME} » est absent de xlwings {xlwings.__version__}",
                        "réinstallez xlwings : pip install --force-reinstall xlwings")
    return path


def build_addin(action: Action, folder: Path, template: Path | None = None) -> Path:
    """Write `folder/demarche_xl.excel.<action>.xlam`: the template with this action's ribbon."""
    template = template or template_path()
    target = folder / action.addin_name
    with zipfile.ZipFile(template) as source:
        callback = template_callback(source.read(CUSTOM_UI_PART))
        temporary = target.with_name(target.name + ".tmp")
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as built:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == CUSTOM_UI_PART:
                    data = custom_ui(action, callback)
                built.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    temporary.replace(target)
    return target


def build_addins(folder: Path, template: Path | None = None) -> list[Path]:
    """Every action's add-in in `folder` (created if needed); older add-ins of ours there are replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    template = template or template_path()
    return [build_addin(action, folder, template) for action in ACTIONS]
