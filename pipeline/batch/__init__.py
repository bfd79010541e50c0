"""Running a batch: the runner, its workers, the `extract` command."""
