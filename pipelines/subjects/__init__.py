"""The registry of curated subjects, in build order: the registry and taxonomy come first."""

from pipelines.subjects import (
    api_prices,
    domain_occupations,
    domains,
    expert_rates,
    gpu_prices,
    gpu_specs,
    lab_spending,
    occupations,
    post_training_runs,
    reference_points,
    scaling_fits,
    skill_datasets,
    sources,
    training_runs,
    vendor_metrics,
)
from pipelines.subjects.base import Subject

SUBJECTS: dict[str, Subject] = {
    module.SUBJECT.name: module.SUBJECT
    for module in (
        sources, domains, domain_occupations, vendor_metrics, expert_rates, occupations, skill_datasets,
        training_runs, post_training_runs, gpu_prices, gpu_specs, api_prices, reference_points, scaling_fits,
        lab_spending,
    )
}
FIGURE_SUBJECTS = [subject for subject in SUBJECTS.values() if subject.cited]
