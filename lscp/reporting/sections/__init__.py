"""The report's sections, each built from the gathered sources (lscp.reporting.sources)."""
