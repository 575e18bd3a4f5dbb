"""The year's plan and report narrative."""
