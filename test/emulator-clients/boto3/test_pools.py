"""boto3 (Python's AWS SDK, written by others) configures pools as Terraform/CDK users do.

Run by ../boto3-pools.test.ts against an emulator started there (EMULATOR_ENDPOINT).
"""
import base64
import json
import os
import unittest
import uuid

import boto3
from botocore.config import Config

ENDPOINT = os.environ["EMULATOR_ENDPOINT"]


def client(region="us-east-1"):
    return boto3.client(
        "cognito-idp",
        endpoint_url=ENDPOINT,
        region_name=region,
        aws_access_key_id="AKIAEMULATORTEST",
        aws_secret_access_key="not-a-real-secret",
        config=Config(retries={"max_attempts": 1}),
    )


def claims(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def name(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


class Pools(unittest.TestCase):
    def setUp(self):
        self.idp = client()

    def new_pool(self, **kwargs):
        pool = self.idp.create_user_pool(PoolName=name("boto"), **kwargs)["UserPool"]
        app = self.idp.create_user_pool_client(
            UserPoolId=pool["Id"],
            ClientName="app",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]
        return pool, app["ClientId"]

    def test_default_password_policy(self):
        pool, client_id = self.new_pool()
        policy = pool["Policies"]["PasswordPolicy"]
        self.assertEqual(policy["MinimumLength"], 8)
        for key in ("RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols"):
            self.assertTrue(policy[key], key)
        with self.assertRaises(self.idp.exceptions.InvalidPasswordException):
            self.idp.sign_up(ClientId=client_id, Username=name("u"), Password="Password")

    def test_region_from_signature(self):
        pool = client("ap-southeast-2").create_user_pool(PoolName=name("syd"))["UserPool"]
        self.assertTrue(pool["Id"].startswith("ap-southeast-2_"), pool["Id"])
        self.assertIn(":ap-southeast-2:", pool["Arn"])

    def test_auto_verified_attributes(self):
        _, client_id = self.new_pool()
        out = self.idp.sign_up(ClientId=client_id, Username=name("u"), Password="Passw0rd!",
                               UserAttributes=[{"Name": "email", "Value": "x@example.com"}])
        self.assertNotIn("CodeDeliveryDetails", out)
        _, verifying = self.new_pool(AutoVerifiedAttributes=["email"])
        out = self.idp.sign_up(ClientId=verifying, Username=name("u"), Password="Passw0rd!",
                               UserAttributes=[{"Name": "email", "Value": "y@example.com"}])
        self.assertEqual(out["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL")

    def test_custom_attributes(self):
        pool, client_id = self.new_pool(Schema=[
            {"Name": "tier", "AttributeDataType": "String", "Mutable": True,
             "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "4"}},
        ])
        described = self.idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        names = [a["Name"] for a in described["SchemaAttributes"]]
        self.assertIn("custom:tier", names)
        with self.assertRaises(self.idp.exceptions.InvalidParameterException):
            self.idp.sign_up(ClientId=client_id, Username=name("u"), Password="Passw0rd!",
                             UserAttributes=[{"Name": "custom:tier", "Value": "platinum"}])
        self.idp.add_custom_attributes(UserPoolId=pool["Id"], CustomAttributes=[{"Name": "org", "AttributeDataType": "String"}])
        user = name("u")
        self.idp.sign_up(ClientId=client_id, Username=user, Password="Passw0rd!",
                         UserAttributes=[{"Name": "custom:tier", "Value": "gold"}, {"Name": "custom:org", "Value": "acme"}])
        got = self.idp.admin_get_user(UserPoolId=pool["Id"], Username=user)
        self.assertIn({"Name": "custom:org", "Value": "acme"}, got["UserAttributes"])

    def test_alias_exists(self):
        pool, client_id = self.new_pool(UsernameAttributes=["email"])
        for who in ("a@example.com", "b@example.com"):
            self.idp.sign_up(ClientId=client_id, Username=who, Password="Passw0rd!")
        with self.assertRaises(self.idp.exceptions.AliasExistsException):
            self.idp.admin_update_user_attributes(UserPoolId=pool["Id"], Username="b@example.com",
                                                  UserAttributes=[{"Name": "email", "Value": "a@example.com"}])

    def test_legacy_flows_keep_refresh(self):
        pool, _ = self.new_pool()
        app = self.idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="legacy",
                                               ExplicitAuthFlows=["USER_PASSWORD_AUTH"])["UserPoolClient"]
        self.assertEqual(app["ExplicitAuthFlows"], ["USER_PASSWORD_AUTH"])
        user = name("u")
        self.idp.admin_create_user(UserPoolId=pool["Id"], Username=user, MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=pool["Id"], Username=user, Password="Passw0rd!", Permanent=True)
        tokens = self.idp.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": user, "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
        again = self.idp.initiate_auth(ClientId=app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                       AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
        self.assertIn("AccessToken", again["AuthenticationResult"])

    def test_mfa_on_without_factor(self):
        pool, _ = self.new_pool()
        with self.assertRaises(self.idp.exceptions.InvalidParameterException):
            self.idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON")

    def test_groups_with_paginators_and_claims(self):
        pool, client_id = self.new_pool()
        pid = pool["Id"]
        for i in range(5):
            self.idp.create_group(UserPoolId=pid, GroupName="g%d" % i, Precedence=i,
                                  RoleArn="arn:aws:iam::123456789012:role/r%d" % i)
        pages = list(self.idp.get_paginator("list_groups").paginate(UserPoolId=pid, PaginationConfig={"PageSize": 2}))
        self.assertEqual(len(pages), 3)
        self.assertEqual(sorted(g["GroupName"] for p in pages for g in p["Groups"]), ["g%d" % i for i in range(5)])
        user = name("u")
        self.idp.admin_create_user(UserPoolId=pid, Username=user, MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=pid, Username=user, Password="Passw0rd!", Permanent=True)
        for g in ("g3", "g1"):
            self.idp.admin_add_user_to_group(UserPoolId=pid, Username=user, GroupName=g)
        mine = self.idp.admin_list_groups_for_user(UserPoolId=pid, Username=user)["Groups"]
        self.assertEqual([g["GroupName"] for g in mine], ["g1", "g3"])
        members = [u["Username"] for p in self.idp.get_paginator("list_users_in_group").paginate(UserPoolId=pid, GroupName="g1") for u in p["Users"]]
        self.assertEqual(members, [user])
        tokens = self.idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": user, "PASSWORD": "Passw0rd!"})["AuthenticationResult"]
        idc = claims(tokens["IdToken"])
        self.assertEqual(idc["cognito:groups"], ["g1", "g3"])
        self.assertEqual(idc["cognito:preferred_role"], "arn:aws:iam::123456789012:role/r1")
        self.idp.admin_remove_user_from_group(UserPoolId=pid, Username=user, GroupName="g1")
        self.idp.delete_group(UserPoolId=pid, GroupName="g3")
        with self.assertRaises(self.idp.exceptions.ResourceNotFoundException):
            self.idp.get_group(UserPoolId=pid, GroupName="g3")
        with self.assertRaises(self.idp.exceptions.GroupExistsException):
            self.idp.create_group(UserPoolId=pid, GroupName="g0")

    def test_terraform_calls(self):
        pool, client_id = self.new_pool(UserPoolTags={"owner": "team"})
        pid = pool["Id"]
        self.idp.update_user_pool(UserPoolId=pid, AutoVerifiedAttributes=["email"],
                                  VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_CODE"})
        described = self.idp.describe_user_pool(UserPoolId=pid)["UserPool"]
        self.assertEqual(described["AutoVerifiedAttributes"], ["email"])
        self.assertEqual(described["VerificationMessageTemplate"]["DefaultEmailOption"], "CONFIRM_WITH_CODE")
        ids = [p["Id"] for page in self.idp.get_paginator("list_user_pools").paginate(MaxResults=2) for p in page["UserPools"]]
        self.assertIn(pid, ids)
        self.assertEqual(len(ids), len(set(ids)))
        self.idp.update_user_pool_client(UserPoolId=pid, ClientId=client_id, ClientName="renamed",
                                         ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        clients = [c for page in self.idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=pid) for c in page["UserPoolClients"]]
        self.assertEqual([c["ClientName"] for c in clients], ["renamed"])
        self.idp.tag_resource(ResourceArn=pool["Arn"], Tags={"cost": "42"})
        self.assertEqual(self.idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"], {"owner": "team", "cost": "42"})
        self.idp.untag_resource(ResourceArn=pool["Arn"], TagKeys=["owner"])
        self.assertEqual(self.idp.list_tags_for_resource(ResourceArn=pool["Arn"])["Tags"], {"cost": "42"})
        domain = name("boto")
        self.idp.create_user_pool_domain(UserPoolId=pid, Domain=domain)
        self.assertEqual(self.idp.describe_user_pool_domain(Domain=domain)["DomainDescription"]["UserPoolId"], pid)
        self.idp.delete_user_pool_domain(UserPoolId=pid, Domain=domain)
        self.idp.create_resource_server(UserPoolId=pid, Identifier="orders", Name="Orders",
                                        Scopes=[{"ScopeName": "read", "ScopeDescription": "Read orders"}])
        servers = [s["Identifier"] for page in self.idp.get_paginator("list_resource_servers").paginate(UserPoolId=pid, MaxResults=1) for s in page["ResourceServers"]]
        self.assertEqual(servers, ["orders"])
        m2m = self.idp.create_user_pool_client(UserPoolId=pid, ClientName="m2m", GenerateSecret=True,
                                               AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"],
                                               AllowedOAuthFlowsUserPoolClient=True)["UserPoolClient"]
        self.assertEqual(m2m["AllowedOAuthScopes"], ["orders/read"])
        with self.assertRaises(self.idp.exceptions.ScopeDoesNotExistException):
            self.idp.create_user_pool_client(UserPoolId=pid, ClientName="bad", GenerateSecret=True,
                                             AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/write"],
                                             AllowedOAuthFlowsUserPoolClient=True)
        self.idp.delete_user_pool_client(UserPoolId=pid, ClientId=m2m["ClientId"])
        with self.assertRaises(self.idp.exceptions.ResourceNotFoundException):
            self.idp.describe_user_pool_client(UserPoolId=pid, ClientId=m2m["ClientId"])

    def test_admin_reset_and_attributes(self):
        pool, _ = self.new_pool()
        pid = pool["Id"]
        user = name("u")
        self.idp.admin_create_user(UserPoolId=pid, Username=user, MessageAction="SUPPRESS",
                                   UserAttributes=[{"Name": "nickname", "Value": "nick"}])
        with self.assertRaises(self.idp.exceptions.NotAuthorizedException):
            self.idp.admin_reset_user_password(UserPoolId=pid, Username=user)
        self.idp.admin_delete_user_attributes(UserPoolId=pid, Username=user, UserAttributeNames=["nickname"])
        names = [a["Name"] for a in self.idp.admin_get_user(UserPoolId=pid, Username=user)["UserAttributes"]]
        self.assertNotIn("nickname", names)
        with self.assertRaises(self.idp.exceptions.UserPoolAddOnNotEnabledException):
            self.idp.admin_list_user_auth_events(UserPoolId=pid, Username=user)


if __name__ == "__main__":
    unittest.main()
