from django.urls import path

from lscp.accounts import password_views, people_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/set-up/", views.set_up_two_factor, name="two-factor-set-up"),
    path("two-factor/backup-codes/", views.backup_codes, name="backup-codes"),
    path("", views.profile, name="profile"),
    path("password/", views.change_password, name="change-password"),
    path("password-reset/", password_views.password_reset, name="password-reset"),
    path("password-reset/sent/", password_views.password_reset_sent, name="password-reset-sent"),
    path("set-password/<uidb64>/<token>/", password_views.set_password, name="set-password"),
    path("people/", people_views.people, name="people"),
    path("people/invite/", people_views.invite, name="invite"),
    path("people/<int:pk>/", people_views.person, name="person"),
    path("people/<int:pk>/edit/", people_views.edit_person, name="edit-person"),
    path("people/<int:pk>/resend-invitation/", people_views.resend_invitation, name="resend-invitation"),
    path("people/<int:pk>/deactivate/", people_views.deactivate, name="deactivate"),
    path("people/<int:pk>/reactivate/", people_views.reactivate, name="reactivate"),
]
