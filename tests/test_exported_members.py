"""The public API: what ``kg`` exports is pinned, so a change to it is deliberate."""

import kg


def test_all_names_exist():
    """Every name in ``kg.__all__`` is importable from ``kg``."""
    for name in kg.__all__:
        assert hasattr(kg, name), name


def test_public_api_is_pinned():
    """The exported names are exactly these."""
    assert set(kg.__all__) >= {
        "build", "build_graph", "extract", "load_graph", "run_query", "load_query",
        "list_queries", "format_result", "export", "render", "evaluate", "load_gold",
        "read_inputs", "read_file", "summarize", "sorted_ntriples", "to_networkx",
        "KGError", "InputError", "QueryError", "ValidationError", "__version__",
    }  # fmt: skip
