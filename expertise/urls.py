app_name = "expertise"

urlpatterns = []
