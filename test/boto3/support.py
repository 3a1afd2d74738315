"""Shared setup of the boto3 suites: a cognito-idp client pointed at the emulator."""
import base64
import json
import os

import boto3
from botocore.config import Config

ENDPOINT = os.environ["EMULATOR_ENDPOINT"]
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:{}".format


def client(validate=True):
    """A boto3 cognito-idp client with dummy credentials; validate=False lets wrong types through."""
    return boto3.client(
        "cognito-idp",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="AKIAEMULATORTEST",
        aws_secret_access_key="not-a-real-secret",
        config=Config(retries={"max_attempts": 1}, parameter_validation=validate),
    )


def claims(token):
    """The payload of a JWT, unverified (the emulator's signature is checked elsewhere)."""
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def error_code(excinfo):
    return excinfo.exception.response["Error"]["Code"]
