from tests.factories import ForumFactory, MeetingFactory
from tests.permissions.matrix import EVERYONE, Case


def forum(users):
    return {"pk": ForumFactory().pk}


def meeting(users):
    return {"pk": MeetingFactory().pk}


CASES = [
    Case("forums:forum_list", EVERYONE),
    Case("forums:forum_list", EVERYONE, query="_export=csv", label="csv"),
    Case("forums:forum_detail", EVERYONE, setup=forum),
    Case("forums:meeting_list", EVERYONE),
    Case("forums:meeting_list", EVERYONE, query="_export=xlsx", label="xlsx"),
    Case("forums:meeting_detail", EVERYONE, setup=meeting),
]
