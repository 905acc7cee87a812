"""Drives Retort's Akismet-compatible API with the real `akismet` client from PyPI.

The client always calls https://rest.akismet.com; an httpx transport repoints its requests at
the Retort server under test. Usage: akismet_client.py BASE_URL KEY SITE_URL
Exits non-zero (with the failing assertion) when the library sees anything unexpected.
"""
import sys

import akismet
import httpx

BASE, KEY, SITE = sys.argv[1], sys.argv[2], sys.argv[3]
target = httpx.URL(BASE)


class Repoint(httpx.BaseTransport):
    def __init__(self):
        self.inner = httpx.HTTPTransport()
        self.seen = []

    def handle_request(self, request):
        assert request.url.host == "rest.akismet.com", request.url
        request.url = request.url.copy_with(scheme=target.scheme, host=target.host, port=target.port)
        request.headers["host"] = f"{target.host}:{target.port}"
        self.seen.append(request.url.path)
        return self.inner.handle_request(request)


transport = Repoint()
http = httpx.Client(transport=transport)
config = akismet.Config(key=KEY, url=SITE)

# verify-key: valid through validated_client, invalid through verify_key and the constructor.
client = akismet.SyncClient.validated_client(config=config, http_client=http)
assert client.verify_key() is True
assert client.verify_key("zzzzzzzzzzzz", SITE) is False
try:
    akismet.SyncClient.validated_client(config=akismet.Config(key="zzzzzzzzzzzz", url=SITE), http_client=http)
    raise AssertionError("an invalid key must be refused")
except akismet.APIKeyError:
    pass

common = dict(user_ip="192.0.2.44", user_agent="Mozilla/5.0", comment_type="comment", permalink=SITE + "/post")
ham = client.comment_check(comment_content="I think the article gets the budget numbers right.", comment_author="Ann", **common)
assert ham == akismet.CheckResponse.HAM, ham
spam = client.comment_check(comment_content="hello", comment_author="viagra-test-123", **common)
assert spam in (akismet.CheckResponse.SPAM, akismet.CheckResponse.DISCARD), spam
test_call = client.comment_check(comment_content="hello", comment_author="viagra-test-123", is_test=1, **common)
assert test_call in (akismet.CheckResponse.SPAM, akismet.CheckResponse.DISCARD), test_call
admin = client.comment_check(comment_content="hello", comment_author="viagra-test-123", user_role="administrator", **common)
assert admin == akismet.CheckResponse.HAM, admin

assert client.submit_spam(comment_content="Cheap pills at pills.example", comment_author="Pill Shop", **common) is True
assert client.submit_ham(comment_content="A perfectly normal reply.", comment_author="Ben", **common) is True

usage = client.usage_limit()
assert usage["limit"] == "none" and usage["throttled"] is False, usage
# ham, spam and admin count; the is_test call does not.
assert usage["usage"] == 3, usage
assert usage["percentage"] == "0.00", usage

assert "/1.1/comment-check" in transport.seen and "/1.2/usage-limit" in transport.seen, transport.seen
print("akismet client: all checks passed")
