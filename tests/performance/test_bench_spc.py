"""The SPC benchmark, run tiny: its synthetic series analyse cleanly and its figures add up."""

import importlib.util

import numpy as np

from lscp.performance import bench_spc, spc


def test_synthetic_series_have_rebases_and_special_causes():
    data = bench_spc.synthetic(series=200, points=60, seed=1)
    assert data["values"].shape == data["rebase"].shape == (200, 60)
    assert not data["rebase"][:, :2].any() and not data["rebase"][:, -1].any()
    assert 0 < data["rebase"].any(axis=1).sum() < 200
    assert np.isnan(data["target"][data["improvement"] == "neutral"]).all()
    result = bench_spc.run_lscp(data)
    assert len(result) == 200 and (result.rule != spc.RULE_NONE).any()
    assert set(result.rebase_group.tolist()) == {0, 1}


def test_measure_tiny():
    figures = bench_spc.measure(series=30, points=40, repeats=2, peer_series=5)
    assert figures["points"] == 1200 and figures["series"] == 30
    assert figures["lscp_s"] > 0 and figures["lscp_points_per_second"] > 0
    assert sum(figures["variation_icons"].values()) == 30
    if importlib.util.find_spec("abspc") is None:
        assert figures["peer"]["available"] is False and figures["ratio"] is None
    else:
        peer = figures["peer"]
        assert peer["available"] and peer["series_timed"] == 5
        assert peer["s_for_all_series"] > peer["s"] > 0
        assert figures["ratio"] > 0 and isinstance(figures["meets_target"], bool)
