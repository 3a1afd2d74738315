"""Lambda triggers set through LambdaConfig, driven by boto3."""
import itertools
import unittest

from support import LAMBDA_ARN, claims, client, error_code

PASSWORD = "Passw0rd!"
counter = itertools.count()


class TriggersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.idp = client()
        pool = cls.idp.create_user_pool(
            PoolName="boto3-triggers",
            LambdaConfig={
                "PreSignUp": LAMBDA_ARN("PreSignUp"),
                "PreAuthentication": LAMBDA_ARN("PreAuthentication"),
                "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": LAMBDA_ARN("PreTokenGeneration")},
                "UserMigration": LAMBDA_ARN("UserMigration"),
            },
        )["UserPool"]
        cls.pool_id = pool["Id"]
        cls.client_id = cls.idp.create_user_pool_client(
            UserPoolId=cls.pool_id, ClientName="boto3", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
        )["UserPoolClient"]["ClientId"]

    def sign_up(self, prefix):
        name = f"{prefix}{next(counter)}"
        out = self.idp.sign_up(ClientId=self.client_id, Username=name, Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": f"{name}@auto.test"}])
        return name, out

    def sign_in(self, name, password=PASSWORD):
        return self.idp.initiate_auth(ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": name, "PASSWORD": password})

    def test_lambda_config_is_described(self):
        described = self.idp.describe_user_pool(UserPoolId=self.pool_id)["UserPool"]
        self.assertEqual(described["LambdaConfig"]["PreSignUp"], LAMBDA_ARN("PreSignUp"))

    def test_pre_sign_up_auto_confirms_and_verifies(self):
        name, out = self.sign_up("auto")
        self.assertTrue(out["UserConfirmed"])
        user = self.idp.admin_get_user(UserPoolId=self.pool_id, Username=name)
        self.assertEqual(user["UserStatus"], "CONFIRMED")
        attrs = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        self.assertEqual(attrs["email_verified"], "true")

    def test_pre_authentication_throw_blocks_sign_in(self):
        name, _ = self.sign_up("blocked")
        with self.assertRaises(self.idp.exceptions.UserLambdaValidationException) as e:
            self.sign_in(name)
        self.assertEqual(e.exception.response["Error"]["Message"], "PreAuthentication failed with error blocked by policy.")

    def test_pre_token_generation_v2_claims_and_scopes(self):
        name, _ = self.sign_up("tokens")
        result = self.sign_in(name)["AuthenticationResult"]
        self.assertEqual(claims(result["IdToken"])["tenant"], "acme")
        access = claims(result["AccessToken"])
        self.assertEqual(access["tier"], "gold")
        self.assertIn("orders/read", access["scope"].split(" "))

    def test_user_migration_on_sign_in(self):
        name = f"legacy{next(counter)}"
        result = self.sign_in(name, "Legacy-Passw0rd")["AuthenticationResult"]
        self.assertTrue(result["IdToken"])
        self.assertEqual(self.idp.admin_get_user(UserPoolId=self.pool_id, Username=name)["UserStatus"], "CONFIRMED")
        with self.assertRaises(self.idp.exceptions.UserLambdaValidationException) as e:
            self.sign_in(f"legacy{next(counter)}", "wrong")
        self.assertIn("UserMigration failed with error Bad password.", e.exception.response["Error"]["Message"])

    def test_unmapped_arn_is_refused(self):
        with self.assertRaises(self.idp.exceptions.InvalidParameterException) as e:
            self.idp.create_user_pool(PoolName="x", LambdaConfig={"PreSignUp": LAMBDA_ARN("nothing-mapped")})
        self.assertEqual(error_code(e), "InvalidParameterException")


if __name__ == "__main__":
    unittest.main()
