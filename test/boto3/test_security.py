"""Security semantics through boto3: code attempt limits, type errors, attribute limits."""
import os
import unittest

import botocore.exceptions

from support import client, error_code

POOL = os.environ["EMULATOR_POOL"]
CLIENT = os.environ["EMULATOR_CLIENT"]


def wrong(code):
    return str((int(code) + 1) % 1_000_000).zfill(6)


class SecurityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.idp = client()

    def test_confirm_forgot_password_stops_after_five_wrong_codes(self):
        self.idp.admin_create_user(UserPoolId=POOL, Username="pat", TemporaryPassword="Passw0rd!", MessageAction="SUPPRESS",
                                   UserAttributes=[{"Name": "email", "Value": "pat@example.com"}, {"Name": "email_verified", "Value": "true"}])
        self.idp.admin_set_user_password(UserPoolId=POOL, Username="pat", Password="Passw0rd!", Permanent=True)
        self.idp.forgot_password(ClientId=CLIENT, Username="pat")
        codes = []
        for attempt in range(5):
            with self.assertRaises(botocore.exceptions.ClientError) as e:
                self.idp.confirm_forgot_password(ClientId=CLIENT, Username="pat", ConfirmationCode="000000" if attempt % 2 else "999999", Password="N3w-Passw0rd")
            codes.append(error_code(e))
        # A wrong guess may hit the real code by chance only with probability 2e-6 per try.
        self.assertEqual(codes[:4], ["CodeMismatchException"] * 4)
        self.assertEqual(codes[4], "LimitExceededException")

    def test_wrong_typed_member_is_serialization_exception(self):
        raw = client(validate=False)
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            raw.sign_up(ClientId=CLIENT, Username="typed", Password=123456)
        self.assertEqual(error_code(e), "SerializationException")

    def test_attribute_value_over_2048_characters_is_refused(self):
        with self.assertRaises(self.idp.exceptions.InvalidParameterException):
            self.idp.sign_up(ClientId=CLIENT, Username="longattr", Password="Passw0rd!", UserAttributes=[{"Name": "name", "Value": "x" * 2049}])


if __name__ == "__main__":
    unittest.main()
