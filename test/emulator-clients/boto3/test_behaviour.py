"""boto3 (Python's AWS SDK, written by others) checks documented pool behaviour: message
templates in the messages sent, case-insensitive user names, and user-existence masking.

Run by ../boto3-pools.test.ts against an emulator started there (EMULATOR_ENDPOINT).
"""
import json
import os
import unittest
import urllib.parse
import urllib.request
import uuid

import boto3
from botocore.config import Config

ENDPOINT = os.environ["EMULATOR_ENDPOINT"]


def client():
    return boto3.client("cognito-idp", endpoint_url=ENDPOINT, region_name="us-west-2",
                        aws_access_key_id="AKIAEMULATORTEST", aws_secret_access_key="not-a-real-secret",
                        config=Config(retries={"max_attempts": 1}))


def outbox(username):
    url = "%s/_emulator/outbox?%s" % (ENDPOINT, urllib.parse.urlencode({"username": username}))
    with urllib.request.urlopen(url) as res:
        return json.load(res)["messages"]


class Behaviour(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def pool(self, prevent=False, **kwargs):
        pool = self.idp.create_user_pool(PoolName="beh-%s" % uuid.uuid4().hex[:8], **kwargs)["UserPool"]["Id"]
        app = self.idp.create_user_pool_client(UserPoolId=pool, ClientName="app",
                                               ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                                               PreventUserExistenceErrors="ENABLED" if prevent else "LEGACY")
        return pool, app["UserPoolClient"]["ClientId"]

    def test_verification_template(self):
        _, app = self.pool(AutoVerifiedAttributes=["email"], EmailVerificationMessage="Code for you: {####}",
                           EmailVerificationSubject="Hello")
        user = "py-%s" % uuid.uuid4().hex[:6]
        self.idp.sign_up(ClientId=app, Username=user, Password="Passw0rd!", UserAttributes=[{"Name": "email", "Value": "py@example.com"}])
        [msg] = outbox(user)
        self.assertEqual(msg["message"], "Code for you: %s" % msg["code"])
        self.assertEqual(msg["subject"], "Hello")
        with self.assertRaises(self.idp.exceptions.InvalidParameterException):
            self.idp.create_user_pool(PoolName="bad", EmailVerificationMessage="no placeholder")

    def test_case_insensitive(self):
        pool, app = self.pool(UsernameConfiguration={"CaseSensitive": False})
        self.idp.admin_create_user(UserPoolId=pool, Username="Zoe", MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=pool, Username="zoe", Password="Passw0rd!", Permanent=True)
        out = self.idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ZOE", "PASSWORD": "Passw0rd!"})
        self.assertIn("AccessToken", out["AuthenticationResult"])
        self.assertEqual(self.idp.admin_get_user(UserPoolId=pool, Username="zOe")["Username"], "Zoe")
        with self.assertRaises(self.idp.exceptions.UsernameExistsException):
            self.idp.admin_create_user(UserPoolId=pool, Username="ZOE", MessageAction="SUPPRESS")

    def test_existence_masking(self):
        _, app = self.pool(prevent=True, AutoVerifiedAttributes=["email"])
        out = self.idp.forgot_password(ClientId=app, Username="nobody@example.com")
        self.assertEqual(out["CodeDeliveryDetails"], {"Destination": "n***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"})
        with self.assertRaises(self.idp.exceptions.CodeMismatchException):
            self.idp.confirm_forgot_password(ClientId=app, Username="nobody@example.com", ConfirmationCode="123456", Password="Passw0rd!")
        with self.assertRaises(self.idp.exceptions.NotAuthorizedException):
            self.idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "nobody", "PASSWORD": "Passw0rd!"})
        _, legacy = self.pool(AutoVerifiedAttributes=["email"])
        with self.assertRaises(self.idp.exceptions.UserNotFoundException):
            self.idp.forgot_password(ClientId=legacy, Username="nobody@example.com")


if __name__ == "__main__":
    unittest.main()
