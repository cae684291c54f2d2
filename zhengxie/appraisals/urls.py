app_name = "appraisals"
urlpatterns: list = []
