from django.urls import path

from lscp.governance import views, year_urls

app_name = "governance"

urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/add/", views.group_add, name="group-add"),
    path("groups/<slug:slug>/", views.group, name="group"),
    path("groups/<slug:slug>/edit/", views.group_edit, name="group-edit"),
    path("groups/<slug:slug>/members/add/", views.membership_add, name="membership-add"),
    path("groups/<slug:slug>/members/<int:pk>/end/", views.membership_end, name="membership-end"),
    path("groups/<slug:slug>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/agenda/add/", views.agenda_item, name="agenda-add"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/edit/", views.agenda_item, name="agenda-edit"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_item_remove, name="agenda-remove"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/decisions/add/", views.decision_add, name="decision-add"),
    path("meetings/<int:pk>/actions/add/", views.action_add, name="action-add"),
]

# The year's plan and report narrative.
urlpatterns += year_urls.urlpatterns
