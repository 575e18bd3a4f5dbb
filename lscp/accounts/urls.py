from django.urls import path

from lscp.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("", views.profile, name="profile"),
]
