// ONE catalogue of ECS error codes, taken from the API documents in shared/seeds (ResetDisk,
// ResetDisks, ReplaceSystemDisk), Alibaba's pages for CreateSnapshot, DeleteSnapshot, CreateImage
// and the tag actions, plus the gateway-level codes every action can return.
// The emulator answers with these (status, code, message); the provider explains them (remedy).
// Where the seeds give the same code a different status or message per action, the entry is
// scoped with `actions`; the unscoped entry is the default for every other action.

export interface CatalogEntry {
  code: string;
  httpStatus: number;
  message: string;
  /** What the user should do, in one or two sentences. */
  remedy: string;
  /** Actions this entry applies to; undefined = any action (gateway-level). */
  actions?: string[];
}

const RESET = ["ResetDisk", "ResetDisks"];
const REPLACE = ["ReplaceSystemDisk"];

/** Gateway-level codes: any action can return them (FIELD-NOTES, plus a few the emulator needs). */
const GATEWAY: CatalogEntry[] = [
  {
    code: "MissingParameter",
    httpStatus: 400,
    message: 'The input parameter "{name}" that is mandatory for processing this request is not supplied.',
    remedy: "Supply the parameter named in the message; check that the provider inputs that feed it are set.",
  },
  {
    code: "InvalidParameter",
    httpStatus: 400,
    message: 'The specified parameter "{name}" is not valid.',
    remedy: "Correct the parameter named in the message (type, format or allowed values) and retry.",
  },
  {
    code: "InvalidAction.NotFound",
    httpStatus: 404,
    message: "Specified api is not found, please check your url and method.",
    remedy: "The endpoint does not serve this action: check ALIBABA_CLOUD_ECS_ENDPOINT points at ECS (API version 2014-05-26).",
  },
  {
    code: "InvalidAccessKeyId.NotFound",
    httpStatus: 404,
    message: "Specified access key is not found.",
    remedy: "Check the AccessKey ID (alicloud:accessKey or ALIBABA_CLOUD_ACCESS_KEY_ID); it may be mistyped, deleted or belong to another account.",
  },
  {
    code: "SignatureDoesNotMatch",
    httpStatus: 400,
    message: "Specified signature does not match our calculation.",
    remedy: "The AccessKey secret does not match the AccessKey ID: check alicloud:secretKey or ALIBABA_CLOUD_ACCESS_KEY_SECRET, and that no proxy rewrites the request.",
  },
  {
    code: "IncompleteSignature",
    httpStatus: 400,
    message: "The request signature does not conform to Aliyun standards.",
    remedy: "The request was not signed completely; use the official SDK client, and make sure no proxy strips or adds x-acs-* headers.",
  },
  {
    code: "SignatureNonceUsed",
    httpStatus: 400,
    message: "Specified signature nonce was used already.",
    remedy: "A request was replayed with the same nonce; retry the call (the SDK generates a fresh nonce per attempt).",
  },
  {
    code: "InvalidTimeStamp.Expired",
    httpStatus: 400,
    message: "Specified time stamp or date value is expired.",
    remedy: "The request time is more than 15 minutes off: synchronise this machine's clock (NTP) and retry.",
  },
  {
    code: "InvalidTimeStamp.Format",
    httpStatus: 400,
    message: "Specified time stamp or date value is not well formatted.",
    remedy: "Send the timestamp as ISO-8601 UTC (YYYY-MM-DDThh:mm:ssZ); the official SDK does this for you.",
  },
  {
    code: "MissingSecurityToken",
    httpStatus: 400,
    message: "SecurityToken is mandatory for this AccessKey.",
    remedy: "This is a temporary (STS) AccessKey: also set alicloud:securityToken or ALIBABA_CLOUD_SECURITY_TOKEN.",
  },
  {
    code: "InvalidSecurityToken.MismatchWithAccessKey",
    httpStatus: 400,
    message: "Specified SecurityToken mismatch with the AccessKey.",
    remedy: "The STS token does not belong to this AccessKey: use the token issued together with the key, or request fresh STS credentials.",
  },
  {
    code: "IdempotentParameterMismatch",
    httpStatus: 400,
    message: "The request uses the same client token as a previous, but non-identical request.",
    remedy: "A ClientToken may only be reused for the identical request; use a new token for a different instance or parameters.",
  },
  {
    code: "Throttling.User",
    httpStatus: 400,
    message: "Request was denied due to user flow control.",
    remedy: "Too many calls of this action per minute for this AccessKey; the provider retries with backoff, or lower the parallelism of your deployment.",
  },
  {
    code: "ServiceUnavailable",
    httpStatus: 503,
    message: "The request has failed due to a temporary failure of the server.",
    remedy: "ECS is temporarily unavailable; retry later (the provider retries automatically).",
  },
  {
    code: "InternalError",
    httpStatus: 500,
    message: "The request processing has failed due to some unknown error.",
    remedy: "An internal ECS error; retry later, and open a ticket with the request ID if it keeps failing.",
  },
  {
    code: "DryRunOperation",
    httpStatus: 400,
    message: "Request validation has been passed with DryRun flag set.",
    remedy: "Not a failure: the dry run found no problem. Run again without DryRun to perform the operation.",
  },
  {
    code: "InvalidRegionId.MalFormed",
    httpStatus: 400,
    message: "The specified RegionId is not valid.",
    remedy: "Use a region ID such as cn-hangzhou (see DescribeRegions); check alicloud:region or ALIBABA_CLOUD_REGION_ID.",
  },
];

/** Codes shared by every action that touches instances and disks. */
const RESOURCE: CatalogEntry[] = [
  {
    code: "IncorrectInstanceStatus",
    httpStatus: 403,
    message: "The current status of the resource does not support this operation.",
    remedy: "Wait until the instance is Stopped (or let the resource stop it: powerPolicy other than fail-if-running) and retry.",
  },
  {
    code: "InstanceLockedForSecurity",
    httpStatus: 403,
    message: "The instance is locked due to security.",
    remedy: "The instance has a security lock (OperationLocks: security); resolve the security event in the ECS console or with support, then retry.",
  },
  {
    code: "InstanceExpiredOrInArrears",
    httpStatus: 403,
    message: "The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode).",
    remedy: "Renew the subscription instance or settle the overdue payment, then retry.",
  },
  {
    code: "IncorrectDiskStatus",
    httpStatus: 403,
    message: "The current disk status does not support this operation.",
    remedy: "The disk must be In_use or Available and paid up; wait for any operation on it to finish and retry.",
  },
  {
    code: "InvalidOperation.MultiAttachDisk",
    httpStatus: 403,
    message: "Multi attach disk does not support this operation.",
    remedy: "Disks with multi-attach enabled cannot be rolled back or replaced; detach it from the other instances or restore another way.",
  },
  {
    code: "InvalidInstanceId.NotFound",
    httpStatus: 404,
    message: "The specified InstanceId does not exist.",
    remedy: "Check the instance ID and the region (regionId input or alicloud:region); the instance may have been released.",
  },
  {
    code: "InvalidParameter.KMSKeyId.CMKNotEnabled",
    httpStatus: 403,
    message: "The CMK needs to be enabled.",
    remedy: "Enable the KMS key (customer master key) in the KMS console, or choose another key.",
  },
  {
    code: "InvalidParameter.KMSKeyId.CMKUnauthorized",
    httpStatus: 403,
    message: "The CMK needs to be added ECS tag.",
    remedy: "Authorise ECS to use the KMS key (add the ECS tag / grant to the CMK) and retry.",
  },
  {
    code: "InvalidParameter.KMSKeyId.KMSUnauthorized",
    httpStatus: 403,
    message: "ECS service have no right to access your KMS.",
    remedy: "Grant ECS access to KMS (the AliyunECSDiskEncryptDefaultRole service role) and retry.",
  },
  {
    code: "InvalidParameter.KMSKeyId.NotFound",
    httpStatus: 404,
    message: "The specified KMSKeyId does not exist.",
    remedy: "Check the KMS key ID and that it lives in the same region as the disk.",
  },
];

/** ResetDisk / ResetDisks (seeds 000, 001, 002, 003). */
const RESET_CODES: CatalogEntry[] = [
  {
    code: "DiskCategory.OperationNotSupported",
    httpStatus: 400,
    message: "The operation is not supported to the specified disk due to its disk category.",
    remedy: "Local disks (ephemeral/local_*) cannot be rolled back from snapshots; only cloud disks can.",
  },
  {
    code: "InvalidParameter.Mismatch",
    httpStatus: 403,
    message: "The specified snapshot is not created from the specified disk.",
    remedy: "Pick a snapshot whose SourceDiskId is this disk (and not an encrypted snapshot for an unencrypted disk); check the disks/snapshotId pairs.",
  },
  {
    code: "InvalidSnapshot.TooOld",
    httpStatus: 403,
    message: "The snapshotId is created before 2013-07-15, it cannot be restored since the first time the disk detached.",
    remedy: "Snapshots taken before 2013-07-15 cannot be used for a rollback; choose a newer snapshot.",
  },
  {
    code: "OperationDenied",
    httpStatus: 403,
    message: "The specified snapshot dees not support ResetDisk.",
    remedy: "This snapshot cannot be used for a rollback (for example it failed); choose an accomplished snapshot of the disk.",
    actions: RESET,
  },
  {
    code: "InvalidSnapshotId.NotReady",
    httpStatus: 403,
    message: "The specified snapshot has not completed yet.",
    remedy: "Wait until the snapshot's status is accomplished (DescribeSnapshots, Progress 100%) and retry.",
  },
  {
    code: "InvalidAccountStatus.NotEnoughBalance",
    httpStatus: 403,
    message: "Your account does not have enough balance.",
    remedy: "Top up the Alibaba Cloud account and retry.",
  },
  {
    code: "InvalidAccountStatus.SnapshotServiceUnavailable",
    httpStatus: 403,
    message: "Snapshot service has not been opened yet.",
    remedy: "Activate the ECS snapshot service for the account in the console, then retry.",
  },
  {
    code: "Operation.Conflict",
    httpStatus: 403,
    message: "The operation may conflicts with others.",
    remedy: "Another operation on the disk or instance is in progress; wait for it to finish and retry.",
  },
  {
    code: "UserNotInTheWhiteList",
    httpStatus: 403,
    message: "The user is not in disk white list.",
    remedy: "The account is not allowed to manage this disk; ask Alibaba Cloud support to add it to the allow-list.",
  },
  {
    code: "IncorrectDiskStatus.HasUnfinishedSnapshot",
    httpStatus: 403,
    message: "The current disk has unfinished snapshot.",
    remedy: "A snapshot of this disk is still being created; wait until it is accomplished and retry.",
  },
  {
    code: "InvalidOperation.DiskResetInProgress",
    httpStatus: 403,
    message: "The operation cannot be performed because the disk has an ongoing reset task, please try again later.",
    remedy: "The disk is already being rolled back (ReIniting); wait for the running reset to finish before starting another.",
  },
  {
    code: "InvalidDiskId.NotFound",
    httpStatus: 404,
    message: "The specified disk does not exist.",
    remedy: "Check the disk ID and the region; the disk may have been released (a system disk replacement releases the old one).",
  },
  {
    code: "Disk.NotFound",
    httpStatus: 404,
    message: "The specified disk does not exist.",
    remedy: "Check the disk ID and the region; the disk may have been released.",
  },
  {
    code: "InvalidSnapshotId.NotFound",
    httpStatus: 404,
    message: "The specified SnapshotId does not exist.",
    remedy: "Check the snapshot ID and the region; the snapshot may have been deleted (for example by an automatic snapshot policy).",
  },
];

/** ReplaceSystemDisk (seed 004). */
const REPLACE_CODES: CatalogEntry[] = [
  {
    code: "LoginAsNonRoot.ImageNotSupport",
    httpStatus: 400,
    message: "The specified image does not support login as non-root.",
    remedy: "Choose an image that supports non-root login, or do not request it.",
  },
  {
    code: "InvalidSystemDiskSize.ValueNotSupported",
    httpStatus: 400,
    message: "The specified parameter SystemDisk.Size is invalid.",
    remedy: "Choose a systemDiskSize this disk category supports (20-500 GiB for most categories).",
  },
  {
    code: "InvalidParameter.Conflict",
    httpStatus: 403,
    message: "The current operation does not allow both diskId and imageId to be set. Make sure that either diskId or imageId is not empty.",
    remedy: "Give either imageId or the deprecated DiskId, not both.",
    actions: REPLACE,
  },
  {
    code: "InvalidSystemDiskSize.ImageNotSupportResize",
    httpStatus: 400,
    message: "The specified image does not support resize.",
    remedy: "This image cannot be resized: leave systemDiskSize unset or set it to the image's size.",
  },
  {
    code: "InvalidSystemDiskSize",
    httpStatus: 400,
    message: "The specified parameter SystemDisk.Size is invalid.",
    remedy: "systemDiskSize must be a whole number of GiB (at least the image size and the current system disk size, at most 500).",
  },
  {
    code: "InvalidPassword.Malformed",
    httpStatus: 400,
    message: 'The specified parameter "Password" is not valid.',
    remedy: "Use 8-30 characters with at least three of: upper case, lower case, digits, special characters ()`~!@#$%^&*-_+=|{}[]:;'<>,.?/ (Windows: not starting with '/').",
  },
  {
    code: "InvalidPasswordParam.Mismatch",
    httpStatus: 400,
    message: "The input password should be null when passwdInherit is true.",
    remedy: "Set either password or passwordInherit: true, not both.",
  },
  {
    code: "OperationDenied",
    httpStatus: 400,
    message: "The specified image contains the snapshot of the data disk,does not support this operation.",
    remedy: "Use an image that contains only a system disk snapshot (no data disk snapshots).",
    actions: REPLACE,
  },
  {
    code: "InvalidDiskCategory.ValueNotSupported",
    httpStatus: 400,
    message: 'The specified parameter "DiskCategory" is not valid.',
    remedy: "The system disk's category is not supported for this operation; the category cannot be changed by a replacement.",
  },
  {
    code: "InvalidKeyPairName.NotFound",
    httpStatus: 400,
    message: "The specified KeyPairName does not exist.",
    remedy: "Check keyPairName; key pairs are regional, so create or import it in the instance's region.",
  },
  {
    code: "DependencyViolation.IoOptimize",
    httpStatus: 400,
    message: "The specified parameter InstanceId is not valid.",
    remedy: "The instance is not I/O optimized and cannot use this image; choose an image that supports it.",
  },
  {
    code: "MissingParameter.Architecture",
    httpStatus: 400,
    message: "Architecture should not be null.",
    remedy: "Only for the deprecated DiskId form: give Architecture, or better use imageId.",
  },
  {
    code: "InvalidArchitecture.Malformed",
    httpStatus: 400,
    message: "Architecture is not valid.",
    remedy: "Only for the deprecated DiskId form: use i386 or x86_64, or better use imageId.",
  },
  {
    code: "MissingParameter.Platform",
    httpStatus: 400,
    message: "Platform should not be null.",
    remedy: "Only for the deprecated DiskId form: give Platform, or better use imageId.",
  },
  {
    code: "InvalidPlatform.Malformed",
    httpStatus: 400,
    message: "Platform is not valid.",
    remedy: "Only for the deprecated DiskId form: give a valid Platform, or better use imageId.",
  },
  {
    code: "InvalidDiskId.NotFound",
    httpStatus: 400,
    message: "The specified disk do not exist.",
    remedy: "Check the disk ID and the region.",
    actions: REPLACE,
  },
  {
    code: "InvalidDatadisk.DiskStatusViolation",
    httpStatus: 400,
    message: "The operation is not permitted due to status of the Datadisk.",
    remedy: "The disk given as the new system disk must be unattached (Available).",
  },
  {
    code: "InvalidDatadisk.DiskCategoryViolation",
    httpStatus: 400,
    message: "The operation is not permitted due to category of the Datadisk.",
    remedy: "The disk given as the new system disk has a category that cannot be a system disk.",
  },
  {
    code: "InvalidDatadisk.ChargeTypeViolation",
    httpStatus: 400,
    message: "The operation is not permitted due to charge type of the Datadisk.",
    remedy: "The disk given as the new system disk has a billing method that does not match the instance.",
  },
  {
    code: "InvalidInstance.NotFoundSystemDisk",
    httpStatus: 400,
    message: "The specified instance has no system disk.",
    remedy: "The instance has no system disk attached; attach one before replacing it.",
  },
  {
    code: "InvalidParameter.DiskType",
    httpStatus: 400,
    message: "The specified disk type which has kms key can't convert to system disk.",
    remedy: "A disk encrypted with a KMS key cannot become the system disk this way; use imageId.",
  },
  {
    code: "DISK_IN_DEDICATED_BLOCK_STORAGE_CLUSTER",
    httpStatus: 400,
    message: "The disk in dedicated block storage cluster is not allowed to do this operation.",
    remedy: "Disks in a dedicated block storage cluster cannot be replaced this way.",
  },
  {
    code: "IncorrectDiskStatus.ReplicationStatusNotFound",
    httpStatus: 400,
    message: "Disk replication status not found.",
    remedy: "Check the disk's asynchronous replication pair and retry.",
  },
  {
    code: "IncorrectDiskStatus.InReplication",
    httpStatus: 400,
    message: "Disk already in replication.",
    remedy: "Stop the disk's asynchronous replication before replacing the system disk.",
  },
  {
    code: "InvalidInstanceType.NotSupported",
    httpStatus: 400,
    message: "The specified instanceType is not supported by the image architecture.",
    remedy: "Choose an image whose architecture (x86_64/arm64) matches the instance type.",
  },
  {
    code: "InvalidRegionId.NotSupportReplaceEncryptedSystemDisk",
    httpStatus: 400,
    message: "The specified region not support replace encrypted system disk.",
    remedy: "This region cannot replace an encrypted system disk; leave encrypted unset or use another region.",
  },
  {
    code: "InvalidStorageClusterId.CapacityNotEnough",
    httpStatus: 400,
    message: "The remaining capacity of the current dedicated storage cluster is less than the size of disk.",
    remedy: "Free capacity in the dedicated storage cluster or choose a smaller systemDiskSize.",
  },
  {
    code: "QuotaExceed.DiskCapacity",
    httpStatus: 400,
    message: "The used capacity of disk type has exceeded the quota in the zone, %s.",
    remedy: "Raise the disk capacity quota in the Quota Center or choose a smaller systemDiskSize.",
  },
  {
    code: "AccountForbidden.ProductCreationLimited",
    httpStatus: 400,
    message: "The commodity must be officially operated by Aliyun and in pay-as-you-go billing method.",
    remedy: "The account cannot buy this commodity; check the account's status and the image's billing method.",
  },
  {
    code: "LoginAsNonRoot.RegionNotSupport",
    httpStatus: 403,
    message: "The specified region does not support login as non-root.",
    remedy: "Do not request non-root login in this region.",
  },
  {
    code: "InvalidSystemDiskStatus.IsTransfering",
    httpStatus: 403,
    message: "The current status of the resource does not support this operation, system disk is transfering.",
    remedy: "The system disk is being migrated; wait until the transfer completes and retry.",
  },
  {
    code: "ImageNotSubscribed",
    httpStatus: 403,
    message: "The specified image has not be subscribed.",
    remedy: "Subscribe to the Alibaba Cloud Marketplace image first, or choose another image.",
  },
  {
    code: "ImageRemovedInMarket",
    httpStatus: 403,
    message:
      "The specified market image is not available, Or the specified user defined image includes product code because it is based on an image subscribed from marketplace, and that image in marketplace includeing exact the same product code has been removed.",
    remedy: "The Marketplace image was removed; choose another image.",
  },
  {
    code: "ChargeTypeViolation",
    httpStatus: 403,
    message: "The operation is not permitted due to charge type of the instance.",
    remedy: "The instance's billing method does not allow this operation; check the instance's charge type.",
  },
  {
    code: "DiskCreatingSnapshot",
    httpStatus: 403,
    message: "The operation is denied due to a snapshot of the specified disk is not completed yet.",
    remedy: "A snapshot of the system disk is still being created; wait until it is accomplished and retry.",
  },
  {
    code: "IoOptimized.NotSupported",
    httpStatus: 403,
    message: "The specified image is not support IoOptimized Instance.",
    remedy: "Choose an image that supports I/O optimized instances.",
  },
  {
    code: "ImageNotSupportInstanceType",
    httpStatus: 403,
    message: "The specified image don not support the InstanceType instance.",
    remedy: "Choose an image that supports this instance type.",
  },
  {
    code: "QuotaExceed.BuyImage",
    httpStatus: 403,
    message: "The specified image is from the image market,You have not bought it or your quota has been exceeded.",
    remedy: "Buy the Marketplace image (or raise the quota) first, or choose another image.",
  },
  {
    code: "INST_HAS_UNPAID_ORDER",
    httpStatus: 403,
    message: "The instance has unpaid order.",
    remedy: "Pay or cancel the instance's unpaid order in the billing console, then retry.",
  },
  {
    code: "OperationDenied.InstanceCreating",
    httpStatus: 403,
    message: "The specified instance is creating.",
    remedy: "Wait until the instance has finished creating and retry.",
  },
  {
    code: "DependencyViolation.WindowsInstance",
    httpStatus: 403,
    message: "The instance creating is windows, cannot use ssh key pair to login.",
    remedy: "Key pairs are for Linux only: drop keyPairName and use a password for a Windows image.",
  },
  {
    code: "InvalidParameter.NotMatch",
    httpStatus: 403,
    message: "%s",
    remedy: "Two parameters do not fit together; read the message and correct the inputs.",
  },
  {
    code: "ResourcesNotInSameZone",
    httpStatus: 403,
    message: "The specified instance and disk are not in the same zone.",
    remedy: "The disk must be in the instance's zone.",
  },
  {
    code: "OperationDenied.UnpaidOrder",
    httpStatus: 403,
    message: "The specified instance has unpaid order.",
    remedy: "Pay or cancel the instance's unpaid order in the billing console, then retry.",
  },
  {
    code: "InvalidHostname.MismatchImage",
    httpStatus: 403,
    message: "The hostname of the current instance can not be applied to the image you choose.",
    remedy: "Change the instance's hostname to one valid for the new image's OS (e.g. shorter for Windows) first.",
  },
  {
    code: "HibernationConfigured.InstanceOperationForbidden",
    httpStatus: 403,
    message: "The operation is not permitted due to limit of the hibernation configured instance.",
    remedy: "Instances with hibernation configured cannot replace their system disk.",
  },
  {
    code: "InvalidRegionId.NotSupportEncryptAlgorithm",
    httpStatus: 403,
    message: "The current region does not support creating encrypted disks with EncryptAlgorithm.",
    remedy: "Do not set EncryptAlgorithm in this region.",
  },
  {
    code: "InvalidRegionId.NotExists",
    httpStatus: 403,
    message: "The region not exists.",
    remedy: "Check the region ID (DescribeRegions lists them).",
  },
  {
    code: "InvalidEncryptAlgorithm",
    httpStatus: 403,
    message: "The specified parameter EncryptAlgorithm is not valid.",
    remedy: "Do not set EncryptAlgorithm (it is not open for use).",
  },
  {
    code: "InvalidEncrypted.NotMatchKmsKeyId",
    httpStatus: 403,
    message: "The specified parameter Encrypted must be true when KmsKeyId is not empty.",
    remedy: "Set encrypted: true when you give kmsKeyId.",
  },
  {
    code: "InvalidEncrypted.NotMatchEncryptAlgorithm",
    httpStatus: 403,
    message: "The specified parameter Encrypted must be true when EncryptAlgorithm is not empty.",
    remedy: "Set encrypted: true when you give EncryptAlgorithm.",
  },
  {
    code: "InvalidParameter.KmsNotEnabled",
    httpStatus: 403,
    message: "The specified operation need enable KMS.",
    remedy: "Activate Key Management Service for the account, then retry.",
  },
  {
    code: "InvalidParameter.DataEncryptedKeyCreateFailed",
    httpStatus: 403,
    message: "Create kms data encrypted key fail. If you need further assistance, you can contact the KMS Technical Support.",
    remedy: "KMS could not create a data key; check the key's state and quota, retry, or contact KMS support.",
  },
  {
    code: "InvalidParameter.KMSKeyId.NotFound",
    httpStatus: 403,
    message: "The specified KMSKeyId does not exist.",
    remedy: "Check kmsKeyId and that the key lives in the instance's region.",
    actions: REPLACE,
  },
  {
    code: "InvalidParameter.KMSKeyId.CMKNotEnabled",
    httpStatus: 403,
    message: "The CMK (Customer Master Key) must be in an active state.",
    remedy: "Enable the KMS key in the KMS console, or choose another kmsKeyId.",
    actions: REPLACE,
  },
  {
    code: "InvalidParameter.KMSKeyId.CMKUnauthorized",
    httpStatus: 403,
    message: "The CMK(Customer Master Key) lacks authorization to add tags to the ECS service.",
    remedy: "Authorise ECS to tag and use the KMS key, then retry.",
    actions: REPLACE,
  },
  {
    code: "InvalidKMSKeyId.NotSymmetric",
    httpStatus: 403,
    message: "The specified parameter KmsKeyId must be symmetric.",
    remedy: "Use a symmetric KMS key for disk encryption.",
  },
  {
    code: "InvalidDiskId.NotSupportReplaceEncryptedSystemDisk",
    httpStatus: 403,
    message: "The specified diskId not support replace encrypted system disk.",
    remedy: "This system disk cannot be replaced with an encrypted one; leave encrypted unset.",
  },
  {
    code: "NotSupportSnapshotEncrypted.DiskCategory",
    httpStatus: 403,
    message:
      "The specified disk category does not support creating encrypted system disks or creating encrypted data disks from snapshots. Check the DiskCategory or Encrypted parameter, or check your account for default encryption settings.",
    remedy: "This disk category cannot be encrypted; leave encrypted unset or check the account's default encryption.",
  },
  {
    code: "InvalidParameter.AllEmpty",
    httpStatus: 403,
    message:
      "The current operation does not allow both diskId and imageId to be empty. Make sure that either diskId or imageId is not empty.",
    remedy: "Give imageId (the image the new system disk is created from).",
  },
  {
    code: "OperationDenied.ImageNotValid",
    httpStatus: 403,
    message: "The specified Image is disabled or deleted, please check the status of the image.",
    remedy: "The image is not Available (disabled, deprecated or deleted); choose an Available image.",
  },
  {
    code: "OperationDenied.DiskNoStock",
    httpStatus: 403,
    message: "The requested disk category is sold out in the specified zone. Please try a different disk category or another zone.",
    remedy: "The zone has no stock for this disk category; retry later.",
  },
  {
    code: "InvalidEncrypted.NotMatchSnapshot",
    httpStatus: 403,
    message: "The specified parameter Encrypted must be set to true when creating disks with encrypted snapshots.",
    remedy: "The image is built from encrypted snapshots: set encrypted: true.",
  },
  {
    code: "InvalidEncrypted.NotMatchDiskDefaultEncryption",
    httpStatus: 403,
    message: "Enabling disk default encryption prevents the creation of non-encrypted disks.",
    remedy: "The account encrypts disks by default: set encrypted: true (or disable default encryption).",
  },
  {
    code: "InvalidPayMethod.SyncPaymentNotSupport",
    httpStatus: 403,
    message: "Synchronous payment is not supported. Use another payment method.",
    remedy: "Change the account's payment method, then retry.",
  },
  {
    code: "InvalidImageId.NotFound",
    httpStatus: 404,
    message: "The specified ImageId does not exist.",
    remedy: "Check imageId and that the image exists (or is shared) in the instance's region; copy it there if needed.",
  },
  {
    code: "InvalidSystemDiskSize.MoreThanMaxSize",
    httpStatus: 404,
    message: "The specified SystemDisk.Size parameter exceeds the maximum size.",
    remedy: "Use a systemDiskSize of at most 500 GiB.",
  },
  {
    code: "InvalidSystemDiskSize.LessThanImageSize",
    httpStatus: 404,
    message: "The specified parameter SystemDisk.Size is less than the image size.",
    remedy: "Use a systemDiskSize at least as large as the image (DescribeImages Size), or leave it unset.",
  },
  {
    code: "InvalidSystemDiskSize.LessThanMinSize",
    httpStatus: 404,
    message: "The specified parameter SystemDisk.Size is less than the min size.",
    remedy: "Use a systemDiskSize of at least 20 GiB and not below the current system disk's size (a system disk cannot shrink).",
  },
  {
    code: "NoSuchResource",
    httpStatus: 404,
    message: "The specified resource is not found.",
    remedy: "A resource the request refers to does not exist; check instanceId, imageId and the region.",
  },
];

/** CreateSnapshot, DeleteSnapshot, CreateImage (from a snapshot): Alibaba's API pages for those actions. */
const CREATE_SNAPSHOT = ["CreateSnapshot"];
const DELETE_SNAPSHOT = ["DeleteSnapshot"];
const CREATE_IMAGE = ["CreateImage"];
const SNAPSHOT_CODES: CatalogEntry[] = [
  {
    code: "IncorrectDiskStatus.CreatingSnapshot",
    httpStatus: 403,
    message: "A previous snapshot creation is in process.",
    remedy: "Another snapshot of this disk is still progressing; wait until it is accomplished (DescribeSnapshots) and retry.",
  },
  {
    code: "IncorrectDiskStatus.NeverAttached",
    httpStatus: 403,
    message: "The specified disk has never been attached to any instance.",
    remedy: "A disk that was never attached holds no data to snapshot; attach it to an instance first.",
  },
  {
    code: "QuotaExceed.Snapshot",
    httpStatus: 403,
    message: "The snapshot quota exceeds.",
    remedy: "The disk already has 256 manual snapshots; delete snapshots you no longer need (DeleteSnapshot) and retry.",
  },
  {
    code: "InvalidSnapshotName.Malformed",
    httpStatus: 400,
    message: "The specified SnapshotName is wrongly formed.",
    remedy: "Use 2 to 128 characters starting with a letter, not starting with auto, http:// or https://; letters, digits, colons, underscores, periods and hyphens.",
  },
  {
    code: "InvalidDescription.Malformed",
    httpStatus: 404,
    message: "The specified description is wrongly formed.",
    remedy: "Use a description of 2 to 256 characters that does not start with http:// or https://.",
    actions: CREATE_SNAPSHOT,
  },
  {
    code: "InvalidRetentionDays.Malformed",
    httpStatus: 400,
    message: "The specified RetentionDays is not valid.",
    remedy: "Give RetentionDays as a whole number of days from 1 to 65536, or leave it unset to keep the snapshot until deleted.",
  },
  {
    code: "InvalidClientToken.Malformed",
    httpStatus: 403,
    message: "The specified clientToken is improperly formatted. It must contain only ASCII characters and must not exceed 64 characters in length.",
    remedy: "Use a ClientToken of at most 64 printable ASCII characters.",
  },
  {
    code: "IdempotentParameterMismatch",
    httpStatus: 403,
    message: "The specified clientToken is used.",
    remedy: "This ClientToken was used for a snapshot with other parameters; reuse a token only for the identical request, or use a new token.",
    actions: CREATE_SNAPSHOT,
  },
  {
    code: "IncorrectInstanceStatus",
    httpStatus: 400,
    message: "The current status of the resource does not support this operation.",
    remedy: "A snapshot needs the disk's instance to be Running or Stopped; wait until a start or stop has finished and retry.",
    actions: CREATE_SNAPSHOT,
  },
  {
    code: "DiskCategory.OperationNotSupported",
    httpStatus: 400,
    message: "The type of the specified disk does not support creating a snapshot.",
    remedy: "Local disks (ephemeral/local_*) cannot be snapshotted; back up their data another way.",
    actions: CREATE_SNAPSHOT,
  },
  {
    code: "SnapshotCreatedDisk",
    httpStatus: 403,
    message: "The snapshot has been used to create disk(s).",
    remedy: "A disk was created from (or reset to) this snapshot; delete it with Force=true if that disk never needs to be re-initialised from it.",
  },
  {
    code: "SnapshotCreatedImage",
    httpStatus: 403,
    message: "The snapshot has been used to create user defined image(s).",
    remedy: "Delete the custom images made from this snapshot (DeleteImage) before deleting the snapshot.",
  },
  {
    code: "InvalidSnapshotId.NotFound",
    httpStatus: 404,
    message: "The specified snapshot is not found",
    remedy: "Check the snapshot ID and the region; the snapshot may already have been deleted or released by its retention period.",
    actions: DELETE_SNAPSHOT,
  },
  {
    code: "InvalidSnapshotId.NotReady",
    httpStatus: 403,
    message: "The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation.",
    remedy: "An image can only be made from an accomplished snapshot; wait until the snapshot's Status is accomplished and retry.",
    actions: CREATE_IMAGE,
  },
  {
    code: "InvalidSnapshot.TooOld",
    httpStatus: 403,
    message: "This operation is denied because the specified snapshot by DiskDeviceMapping.n.SnapshotId or SnapshotId is created before 2013-07-15.",
    remedy: "Snapshots taken before 2013-07-15 cannot be made into images; choose a newer snapshot.",
    actions: CREATE_IMAGE,
  },
  {
    code: "OperationDenied",
    httpStatus: 403,
    message: "The specified snapshot is not from system disk.",
    remedy: "An image needs a snapshot of a system disk (SourceDiskType System) that is accomplished; choose such a snapshot.",
    actions: CREATE_IMAGE,
  },
  {
    code: "InvalidImageName.Malformed",
    httpStatus: 400,
    message: "The specified Image name is wrongly formed.",
    remedy: "Use 2 to 128 characters starting with a letter, not starting with http:// or https://; letters, digits, periods, underscores, colons and hyphens.",
  },
  {
    code: "InvalidImageName.Duplicated",
    httpStatus: 400,
    message: "The specified Image name has already bean used.",
    remedy: "A custom image of this name exists in the region; choose another ImageName.",
  },
  {
    code: "InvalidDescription.Malformed",
    httpStatus: 400,
    message: "The specified description is wrongly formed.",
    remedy: "Use a description of 2 to 256 characters that does not start with http:// or https://.",
    actions: CREATE_IMAGE,
  },
  {
    code: "InvalidArchitecture.Malformed",
    httpStatus: 400,
    message: "The specified Architecture is wrongly formed.",
    remedy: "Use Architecture i386, x86_64 or arm64, or leave it unset to take the source disk's.",
    actions: CREATE_IMAGE,
  },
  {
    code: "InvalidPlatform.Malformed",
    httpStatus: 400,
    message: "The specified Platform is wrongly formed.",
    remedy: "Use a Platform name of at most 64 characters (for example Ubuntu, CentOS, Windows Server 2022), or leave it unset.",
    actions: CREATE_IMAGE,
  },
  {
    code: "IdempotenceParamNotMatch",
    httpStatus: 400,
    message: "Request uses a client token in a previous request but is not identical to that request.",
    remedy: "This ClientToken was used for an image with other parameters; reuse a token only for the identical request, or use a new token.",
  },
];

/** TagResources, UntagResources, ListTagResources (and the Tag.N parameters of creating actions). */
const TAG_CODES: CatalogEntry[] = [
  {
    code: "MissingParameter.ResourceType",
    httpStatus: 404,
    message: "The parameter - ResourceType should not be null",
    remedy: "Give ResourceType: instance, disk, snapshot or image.",
  },
  {
    code: "MissingParameter.Tags",
    httpStatus: 404,
    message: "The parameter - Tags should not be null",
    remedy: "Give at least one tag as Tag.N.Key (and Tag.N.Value).",
  },
  {
    code: "InvalidResourceType.NotFound",
    httpStatus: 404,
    message: "The ResourceType provided does not exist in our records.",
    remedy: "Use ResourceType instance, disk, snapshot or image.",
  },
  {
    code: "InvalidResourceId.NotFound",
    httpStatus: 404,
    message: "The specified ResourceIds are not found in our records.",
    remedy: "Check the resource IDs, their ResourceType and the region; a resource may have been released.",
  },
  {
    code: "InvalidResourceId.NotSupported",
    httpStatus: 403,
    message: "The specified ResourceId does not support tagging.",
    remedy: "Public (system) images cannot be tagged; tag only your own resources.",
  },
  {
    code: "NumberExceed.ResourceIds",
    httpStatus: 400,
    message: "The ResourceIds parameter's number is exceed , Valid : 50",
    remedy: "Give at most 50 ResourceId.N per call; split larger sets into several calls.",
  },
  {
    code: "NumberExceed.Tags",
    httpStatus: 400,
    message: "The Tags parameter's number is exceed , Valid : 20",
    remedy: "Give at most 20 Tag.N (or TagKey.N) per call.",
  },
  {
    code: "Duplicate.TagKey",
    httpStatus: 400,
    message: "The Tag.N.Key contain duplicate key.",
    remedy: "Give each tag key only once per request.",
  },
  {
    code: "InvalidTagKey.Malformed",
    httpStatus: 400,
    message: "The specified Tag.n.Key is not valid.",
    remedy: "Tag keys are 1 to 128 characters, must not start with aliyun or acs:, and must not contain http:// or https://.",
  },
  {
    code: "InvalidTagValue.Malformed",
    httpStatus: 400,
    message: "The specified Tag.n.Value is not valid.",
    remedy: "Tag values are at most 128 characters (empty is allowed) and must not contain http:// or https://.",
  },
  {
    code: "OperationDenied.QuotaExceed",
    httpStatus: 400,
    message: "The quota of tags on resource is beyond permitted range.",
    remedy: "A resource holds at most 20 tags; remove tags it no longer needs (UntagResources) and retry.",
  },
  {
    code: "InvalidParameter.TagValue",
    httpStatus: 400,
    message: "The specified Tag.n.Value is given without Tag.n.Key.",
    remedy: "When filtering by tag, give Tag.N.Key with every Tag.N.Value.",
  },
];

export const ERROR_CATALOG: CatalogEntry[] = [...GATEWAY, ...RESOURCE, ...RESET_CODES, ...REPLACE_CODES, ...SNAPSHOT_CODES, ...TAG_CODES];

/** The entry for a code, preferring one scoped to the action when the same code differs per action. */
export function catalogEntry(code: string, action?: string): CatalogEntry | undefined {
  const matches = ERROR_CATALOG.filter((e) => e.code === code);
  return (
    matches.find((e) => action !== undefined && e.actions?.includes(action)) ??
    matches.find((e) => e.actions === undefined) ??
    matches[0]
  );
}
