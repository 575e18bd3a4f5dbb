from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lscp.reporting"
    label = "reporting"
    verbose_name = "Annual report"
    navigation = (80, "Annual report", "reporting:reports", "reporting.view_reports")
