"""The example notebook docs/examples/python-api.ipynb runs top to bottom (nbclient, a fresh kernel)."""

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "examples" / "python-api.ipynb"


def test_example_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    markdown = "\n".join(o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {}))
    # the verdicts display as Markdown with their status and (for refuted ones) the counterexample
    assert "**PROVED**" in markdown and "**REFUTED**" in markdown
    assert r"$\operatorname{rank} A_{2} = 1$" in markdown
    assert "activation_regions" in str(outputs[-1]["data"]["text/plain"])
