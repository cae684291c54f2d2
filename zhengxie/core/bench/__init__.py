"""The national-scale benchmark (`make bench`): registry of seed steps and scenarios, seeder, measurer, report."""
