"""The public catalog (no login): mounted at /catalog/."""

app_name = "catalog"

urlpatterns = []
