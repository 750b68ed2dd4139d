from dashboard.model.evidence import Evidence
from dashboard.model.template import default_scenario
from datamoat.bench import model as bench


def test_benchmark_figures_are_positive_times():
    figures = bench.benchmark_figures(default_scenario(), Evidence(), repeats=2)
    assert set(figures) == {"evaluation_s", "data_cost_draws_s"}
    assert all(0 < seconds < 10 for seconds in figures.values())


def test_run_model_benchmark_prints_targets_and_ratios(capsys, monkeypatch):
    monkeypatch.setattr(bench, "_evidence", lambda: (Evidence(), "no warehouse: assumptions only"))
    bench.run_model_benchmark(repeats=2)
    out = capsys.readouterr().out
    assert "the default scenario (3 skills, 2,000 draws in the evaluation)" in out
    assert "target ≤ 20 ms" in out and "target ≤ 50 ms" in out
    assert out.count("ratio") == 2
