"""boto3 (Python's AWS SDK, written by others) drives identity providers, user links, import
jobs and the threat-protection / UI / logging settings as platform teams and IaC do.

Run by ../boto3-pools.test.ts against an emulator started there (EMULATOR_ENDPOINT).
"""
import base64
import os
import unittest
import urllib.request
import uuid

import boto3
from botocore.config import Config

ENDPOINT = os.environ["EMULATOR_ENDPOINT"]
GOOGLE = {"client_id": "1example.apps.googleusercontent.com", "client_secret": "s", "authorize_scopes": "email openid"}
OIDC = {"client_id": "c", "client_secret": "s", "attributes_request_method": "GET",
        "oidc_issuer": "https://login.example.com", "authorize_scopes": "openid"}
ROLE = "arn:aws:iam::123456789012:role/CognitoImport"


def client():
    return boto3.client("cognito-idp", endpoint_url=ENDPOINT, region_name="eu-west-1",
                        aws_access_key_id="AKIAEMULATORTEST", aws_secret_access_key="not-a-real-secret",
                        config=Config(retries={"max_attempts": 1}))


class Federation(unittest.TestCase):
    def setUp(self):
        self.idp = client()
        self.pool = self.idp.create_user_pool(PoolName="fed-%s" % uuid.uuid4().hex[:8])["UserPool"]["Id"]

    def test_identity_providers_with_paginator(self):
        self.idp.create_identity_provider(UserPoolId=self.pool, ProviderName="Google", ProviderType="Google",
                                          ProviderDetails=GOOGLE, AttributeMapping={"email": "email"})
        for i in range(3):
            self.idp.create_identity_provider(UserPoolId=self.pool, ProviderName="Okta%d" % i, ProviderType="OIDC",
                                              ProviderDetails=OIDC, IdpIdentifiers=["okta-%d" % i])
        names = []
        for page in self.idp.get_paginator("list_identity_providers").paginate(UserPoolId=self.pool, PaginationConfig={"PageSize": 2}):
            names += [p["ProviderName"] for p in page["Providers"]]
        self.assertEqual(sorted(names), ["Google", "Okta0", "Okta1", "Okta2"])
        got = self.idp.describe_identity_provider(UserPoolId=self.pool, ProviderName="Google")["IdentityProvider"]
        self.assertEqual(got["AttributeMapping"], {"email": "email", "username": "sub"})
        self.assertEqual(got["ProviderDetails"]["token_url"], "https://www.googleapis.com/oauth2/v4/token")
        by_id = self.idp.get_identity_provider_by_identifier(UserPoolId=self.pool, IdpIdentifier="okta-1")
        self.assertEqual(by_id["IdentityProvider"]["ProviderName"], "Okta1")
        with self.assertRaises(self.idp.exceptions.DuplicateProviderException):
            self.idp.create_identity_provider(UserPoolId=self.pool, ProviderName="Okta0", ProviderType="OIDC", ProviderDetails=OIDC)
        with self.assertRaises(self.idp.exceptions.InvalidParameterException):
            self.idp.create_identity_provider(UserPoolId=self.pool, ProviderName="Facebook", ProviderType="Facebook",
                                              ProviderDetails={"client_id": "x"})
        self.idp.update_identity_provider(UserPoolId=self.pool, ProviderName="Okta0", IdpIdentifiers=["okta-9"])
        with self.assertRaises(self.idp.exceptions.ResourceNotFoundException):
            self.idp.get_identity_provider_by_identifier(UserPoolId=self.pool, IdpIdentifier="okta-0")
        self.idp.delete_identity_provider(UserPoolId=self.pool, ProviderName="Okta0")
        with self.assertRaises(self.idp.exceptions.ResourceNotFoundException):
            self.idp.describe_identity_provider(UserPoolId=self.pool, ProviderName="Okta0")

    def test_link_provider(self):
        self.idp.create_identity_provider(UserPoolId=self.pool, ProviderName="Google", ProviderType="Google", ProviderDetails=GOOGLE)
        self.idp.admin_create_user(UserPoolId=self.pool, Username="alice", MessageAction="SUPPRESS")
        link = dict(UserPoolId=self.pool,
                    DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": "alice"},
                    SourceUser={"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "777"})
        self.idp.admin_link_provider_for_user(**link)
        with self.assertRaises(self.idp.exceptions.UserNotFoundException):
            self.idp.admin_link_provider_for_user(**{**link, "DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeValue": "nobody"}})
        self.idp.admin_disable_provider_for_user(UserPoolId=self.pool, User=link["SourceUser"])

    def test_import_job(self):
        header = self.idp.get_csv_header(UserPoolId=self.pool)["CSVHeader"]
        job = self.idp.create_user_import_job(UserPoolId=self.pool, JobName="py", CloudWatchLogsRoleArn=ROLE)["UserImportJob"]
        self.assertEqual(job["Status"], "Created")
        row = {h: "" for h in header}
        row.update({"cognito:username": "pyuser", "cognito:mfa_enabled": "false", "email": "py@example.com", "email_verified": "true"})
        body = (",".join(header) + "\n" + ",".join(row[h] for h in header) + "\n").encode()
        req = urllib.request.Request(job["PreSignedUrl"], data=body, method="PUT", headers={"x-amz-server-side-encryption": "aws:kms"})
        with urllib.request.urlopen(req) as res:
            self.assertEqual(res.status, 200)
        self.assertEqual(self.idp.start_user_import_job(UserPoolId=self.pool, JobId=job["JobId"])["UserImportJob"]["Status"], "Pending")
        done = self.idp.describe_user_import_job(UserPoolId=self.pool, JobId=job["JobId"])["UserImportJob"]
        self.assertEqual((done["Status"], done["ImportedUsers"], done["FailedUsers"]), ("Succeeded", 1, 0))
        self.assertEqual(self.idp.admin_get_user(UserPoolId=self.pool, Username="pyuser")["UserStatus"], "RESET_REQUIRED")
        jobs = self.idp.list_user_import_jobs(UserPoolId=self.pool, MaxResults=10)["UserImportJobs"]
        self.assertEqual([j["JobId"] for j in jobs], [job["JobId"]])

    def test_settings(self):
        self.idp.create_user_pool_domain(UserPoolId=self.pool, Domain="fed-%s" % uuid.uuid4().hex[:8])
        ui = self.idp.set_ui_customization(UserPoolId=self.pool, CSS=".background-customizable { background-color: #fafafa; }")
        self.assertEqual(ui["UICustomization"]["ClientId"], "ALL")
        with self.assertRaises(self.idp.exceptions.UserPoolAddOnNotEnabledException):
            self.idp.set_risk_configuration(UserPoolId=self.pool, RiskExceptionConfiguration={"BlockedIPRangeList": ["203.0.113.0/24"]})
        cert = base64.b64decode(self.idp.get_signing_certificate(UserPoolId=self.pool)["Certificate"])
        self.assertEqual(cert[0], 0x30)  # a DER SEQUENCE
        logs = self.idp.get_log_delivery_configuration(UserPoolId=self.pool)["LogDeliveryConfiguration"]
        self.assertEqual(logs["LogConfigurations"], [])

    def test_branding_terms_and_secret_rotation(self):
        app = self.idp.create_user_pool_client(UserPoolId=self.pool, ClientName="web", GenerateSecret=True)["UserPoolClient"]
        style = self.idp.create_managed_login_branding(UserPoolId=self.pool, ClientId=app["ClientId"], UseCognitoProvidedValues=True)["ManagedLoginBranding"]
        got = self.idp.describe_managed_login_branding_by_client(UserPoolId=self.pool, ClientId=app["ClientId"])["ManagedLoginBranding"]
        self.assertEqual(got["ManagedLoginBrandingId"], style["ManagedLoginBrandingId"])
        with self.assertRaises(self.idp.exceptions.ManagedLoginBrandingExistsException):
            self.idp.create_managed_login_branding(UserPoolId=self.pool, ClientId=app["ClientId"], UseCognitoProvidedValues=True)
        terms = self.idp.create_terms(UserPoolId=self.pool, ClientId=app["ClientId"], TermsName="privacy-policy", TermsSource="LINK",
                                      Enforcement="NONE", Links={"cognito:default": "https://example.com/privacy"})["Terms"]
        self.assertEqual([t["TermsId"] for t in self.idp.list_terms(UserPoolId=self.pool)["Terms"]], [terms["TermsId"]])
        with self.assertRaises(self.idp.exceptions.TermsExistsException):
            self.idp.create_terms(UserPoolId=self.pool, ClientId=app["ClientId"], TermsName="privacy-policy", TermsSource="LINK",
                                  Enforcement="NONE", Links={"cognito:default": "https://example.com/p2"})
        added = self.idp.add_user_pool_client_secret(UserPoolId=self.pool, ClientId=app["ClientId"])["ClientSecretDescriptor"]
        secrets = self.idp.list_user_pool_client_secrets(UserPoolId=self.pool, ClientId=app["ClientId"])["ClientSecrets"]
        self.assertEqual(len(secrets), 2)
        self.assertNotIn("ClientSecretValue", secrets[0])
        self.idp.delete_user_pool_client_secret(UserPoolId=self.pool, ClientId=app["ClientId"], ClientSecretId=secrets[0]["ClientSecretId"])
        with self.assertRaises(self.idp.exceptions.InvalidParameterException):
            self.idp.delete_user_pool_client_secret(UserPoolId=self.pool, ClientId=app["ClientId"], ClientSecretId=added["ClientSecretId"])


if __name__ == "__main__":
    unittest.main()
