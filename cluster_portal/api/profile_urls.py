from django.urls import path

from . import profile_views

app_name = "profile"

urlpatterns = [
    path("", profile_views.ProfileView.as_view(), name="profile"),
    path("tokens/<int:pk>/revoke/", profile_views.TokenRevokeView.as_view(), name="token_revoke"),
]
