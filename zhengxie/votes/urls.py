app_name = "votes"
urlpatterns: list = []
