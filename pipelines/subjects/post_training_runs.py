"""Post-training runs: the compute spent teaching a model a skill after pre-training (SFT, RL)."""

from typing import Literal

from pydantic import Field

from pipelines.fields import Count, NonNegative, Notes, PastDate, Text, Year
from pipelines.subjects.base import CitedRow, Range, Subject

Stage = Literal["sft", "rl", "post_training_total"]


class PostTrainingRunRow(CitedRow):
    model: Text = Field(description="model name")
    developer: Text = Field(description="organisation that trained it")
    year: Year = Field(description="year of release")
    stage: Stage = Field(description="sft, rl, or post_training_total (every post-training stage together)")
    skill: Text = Field(description="what the stage teaches, e.g. mathematical reasoning")
    training_flop: NonNegative | None = Field(default=None, description="compute of the stage, FLOP, as stated")
    training_flop_low: NonNegative | None = Field(default=None, description="lower end when a range is given, FLOP")
    training_flop_high: NonNegative | None = Field(default=None, description="upper end when a range is given, FLOP")
    gpu_type: str | None = Field(default=None, max_length=80, description="accelerator used")
    gpu_count: Count | None = Field(default=None, description="accelerators in the stage (count)")
    gpu_hours: NonNegative | None = Field(default=None, description="accelerator hours of the stage, as stated")
    share_of_pretraining_compute: NonNegative | None = Field(
        default=None, description="the stage's compute as a fraction of the model's pre-training compute, as stated")
    as_of_date: PastDate | None = Field(default=None, description="date of the disclosure")
    notes: Notes = Field(description="caveats")


SUBJECT = Subject(
    name="post_training_runs",
    row_model=PostTrainingRunRow,
    key_columns=("model", "stage", "source_id"),
    description="Compute of disclosed post-training stages (SFT, reinforcement learning) of notable models.",
    ranges=(Range("training_flop_low", "training_flop_high", "training_flop"),),
)
