// DriveSync on Azure: one resource group holding
//   - a user-assigned managed identity (the app's only credential for Storage and Key Vault),
//   - a storage account (output + state containers, the Durable task hub's queues/tables/blobs, the deployment
//     container; no shared keys, no public blobs, TLS 1.2),
//   - Key Vault (RBAC) for the Google service-account key and the pseudonym key, referenced from app settings,
//   - Log Analytics + workspace-based Application Insights,
//   - the Function App: .NET 10 isolated worker (src/DriveSync.Functions) on Flex Consumption (default) or Elastic
//     Premium (planKind), identity-based AzureWebJobsStorage for the Durable task hub and the timer,
//   - two log alerts: a run failed; no completed run within the schedule's period + slack (quiet during the first
//     period after a deployment).
// Deploy: docs/operations.md. Keep infra/main.parameters.json, local.settings.sample.json and host.json in step
// (tests/DriveSync.Deployment.Tests checks the app settings below against the app's options classes and host.json).

targetScope = 'resourceGroup'

@description('Short lowercase name (letters and digits) used in every resource name.')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Region of every resource. Default: the resource group\'s.')
param location string = resourceGroup().location

@description('Id of the Google Drive folder to copy (the last part of its URL).')
param driveFolderId string

@description('Id of the shared drive the folder lives in; empty for My Drive / shared with me.')
param driveSharedDriveId string = ''

@description('Google Workspace user the service account impersonates (domain-wide delegation); empty to act as the service account itself.')
param driveImpersonateSubject string = ''

@description('Six-field NCrontab schedule of the scheduled run, UTC (the Functions timer dialect).')
param runSchedule string = '0 0 2 * * *'

@description('Hours between two scheduled runs (24 for the daily default schedule): the no-completed-run alert waits this long plus alertSlackHours.')
@minValue(1)
param runPeriodHours int = 24

@description('Hours a run may take beyond its period before the no-completed-run alert fires.')
@minValue(1)
param alertSlackHours int = 2

@description('When this deployment ran (leave the default): the no-completed-run alert stays quiet for the first period after it.')
param deployedAt string = utcNow('u')

@description('Name of the Durable task hub (its queues, tables and lease container); letters and digits, 3-45 characters.')
param taskHubName string = 'DriveSync'

@description('How PII is replaced by default: TypeMarker, MaskLast4 or Pseudonym (needs the pseudonym-key secret).')
@allowed([
  'TypeMarker'
  'MaskLast4'
  'Pseudonym'
])
param redactionMode string = 'TypeMarker'

@description('Container receiving sanitized documents.')
param outputContainerName string = 'sanitized'

@description('Container holding run state (checkpoints, manifests, ledgers, leases, timer marker).')
param stateContainerName string = 'drivesync-state'

@description('Container the deployment packages go to (Flex Consumption: config-zip uploads there; Elastic Premium: WEBSITE_RUN_FROM_PACKAGE points into it).')
param packagesContainerName string = 'deployments'

@description('Elastic Premium only: URL of the package blob to run, e.g. https://<account>.blob.core.windows.net/deployments/drivesync-<version>.zip. Empty before the first upload.')
param packageUri string = ''

@description('Hosting plan: FlexConsumption (default; scales to zero, per-execution billing) or ElasticPremium (always-warm instances, VNet, longer runs).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param planKind string = 'FlexConsumption'

@description('Elastic Premium size: EP1 (1 core, 3.5 GB), EP2 (2 cores, 7 GB), EP3 (4 cores, 14 GB). Ignored on Flex Consumption.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Flex Consumption instance memory in MB (2048 or 4096).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(100)
param maximumInstanceCount int = 10

@description('Elastic Premium only: instances kept warm at all times (the plan bills at least one).')
@minValue(1)
@maxValue(20)
param alwaysReadyInstanceCount int = 1

@description('E-mail addresses the alerts go to. Empty: the alerts fire in the portal only.')
param alertEmails array = []

@description('Optional object id of the operator (user or group) who uploads packages and sets secrets: gets Storage Blob Data Contributor and Key Vault Secrets Officer.')
param operatorPrincipalId string = ''

@description('Type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

@description('Optional: the Google service-account key JSON, stored as a Key Vault secret. Leave empty and set the secret out of band (docs/operations.md).')
@secure()
param googleServiceAccountJson string = ''

@description('Optional: the pseudonym key (16+ characters), stored as a Key Vault secret. Leave empty and set it out of band.')
@secure()
param pseudonymKey string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageAccountName = take(toLower('st${namePrefix}${suffix}'), 24)
var keyVaultName = take('kv-${namePrefix}-${suffix}', 24)
var functionAppName = 'func-${namePrefix}-${suffix}'
var googleSecretName = 'google-service-account-json'
var pseudonymSecretName = 'pseudonym-key'
var isFlex = planKind == 'FlexConsumption'
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

// ---------- identity ----------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-${suffix}'
  location: location
}

// ---------- storage ----------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowCrossTenantReplication: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource outputContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: outputContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource packagesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packagesContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The Functions host and the Durable extension use AzureWebJobsStorage with the identity: blobs (task hub leases and
// large payloads, timer locks, deployment packages; Owner because the host manages blob leases and containers),
// queues (control and work-item queues) and tables (instances and history).
resource identityBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource identityTableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource identityQueueData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(storage.id, operatorPrincipalId, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

// ---------- key vault ----------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource googleSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(googleServiceAccountJson)) {
  parent: vault
  name: googleSecretName
  properties: {
    value: googleServiceAccountJson
    contentType: 'application/json'
  }
}

resource pseudonymSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(pseudonymKey)) {
  parent: vault
  name: pseudonymSecretName
  properties: {
    value: pseudonymKey
    contentType: 'text/plain'
  }
}

resource identitySecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

// ---------- monitoring ----------

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------- compute ----------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${namePrefix}-${suffix}'
  location: location
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? {
    name: 'FC1'
    tier: 'FlexConsumption'
  } : {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

// The settings both plans share. No WEBSITE_CONTENTAZUREFILECONNECTIONSTRING / WEBSITE_CONTENTSHARE: Azure Files needs a
// shared key, which this storage account refuses.
var appSettings = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storage.name
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identity.properties.clientId
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'DriveSync__Durable__TaskHubName'
    value: taskHubName
  }
  {
    name: 'DriveSync__Storage__BlobServiceUri'
    value: storage.properties.primaryEndpoints.blob
  }
  {
    name: 'DriveSync__Storage__QueueServiceUri'
    value: storage.properties.primaryEndpoints.queue
  }
  {
    name: 'DriveSync__Drive__FolderId'
    value: driveFolderId
  }
  {
    name: 'DriveSync__Drive__SharedDriveId'
    value: driveSharedDriveId
  }
  {
    name: 'DriveSync__Drive__ImpersonateSubject'
    value: driveImpersonateSubject
  }
  {
    name: 'DriveSync__Drive__ServiceAccountJson'
    value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${googleSecretName})'
  }
  {
    name: 'DriveSync__Sanitizer__DefaultMode'
    value: redactionMode
  }
  {
    name: 'DriveSync__Sanitizer__PseudonymKey'
    value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${pseudonymSecretName})'
  }
  {
    name: 'DriveSync__Pipeline__OutputContainer'
    value: outputContainer.name
  }
  {
    name: 'DriveSync__Pipeline__StateContainer'
    value: stateContainer.name
  }
  {
    name: 'DriveSync__Timer__Schedule'
    value: runSchedule
  }
]

// Elastic Premium names its runtime in app settings and runs from a package blob read with the identity; Flex
// Consumption takes both from functionAppConfig below and refuses these settings.
var premiumAppSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'dotnet-isolated'
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: packageUri
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
    value: identity.id
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: isFlex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${packagesContainer.name}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    } : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      functionAppScaleLimit: isFlex ? null : maximumInstanceCount
      minimumElasticInstanceCount: isFlex ? null : alwaysReadyInstanceCount
      appSettings: isFlex ? appSettings : concat(appSettings, premiumAppSettings)
    }
  }
  dependsOn: [
    identityBlobData
    identityQueueData
    identityTableData
    identitySecretsUser
  ]
}

// ---------- alerts ----------

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}-${suffix}'
  location: 'global'
  properties: {
    groupShortName: take('drivesync${namePrefix}', 12)
    enabled: true
    emailReceivers: [for (address, i) in alertEmails: {
      name: 'email-${i}'
      emailAddress: address
      useCommonAlertSchema: true
    }]
  }
}

// Both alerts read the line FinalizeRun logs once per run ("Run {RunId} finished {RuntimeStatus}: …", exported with its
// fields as customDimensions) and the Durable extension's own tracking of the SyncFolder orchestration, which also
// catches a run the engine failed before FinalizeRun could log.
var runFinishedTraces = 'traces | where isnotempty(customDimensions.RunId) and isnotempty(customDimensions.RuntimeStatus) | extend RunId = tostring(customDimensions.RunId), RuntimeStatus = tostring(customDimensions.RuntimeStatus)'
var durableRunTraces = 'traces | where customDimensions.Category == "Host.Triggers.DurableTask" and tostring(customDimensions.prop__functionName) == "${syncFolderName}" | extend RunId = tostring(customDimensions.prop__instanceId), RuntimeStatus = tostring(customDimensions.prop__state)'
var syncFolderName = 'SyncFolder'

resource runFailedAlert 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${namePrefix}-run-failed'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'DriveSync: a run failed'
    description: 'A SyncFolder run ended Failed or Terminated. See docs/operations.md, "When a run failed".'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'union (${runFinishedTraces}), (${durableRunTraces}) | where RuntimeStatus in ("Failed", "Terminated") | summarize by RunId, RuntimeStatus'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// The query reads its own range (period + slack); overrideQueryTimeRange widens the rule's window so those rows are
// returned. It stays quiet until one full period + slack has passed since this deployment.
resource noCompletedRunAlert 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${namePrefix}-no-completed-run'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'DriveSync: no completed run in ${runPeriodHours + alertSlackHours} hours'
    description: 'No SyncFolder run finished Completed within the schedule\'s period (${runPeriodHours} h) plus ${alertSlackHours} h of slack. See docs/operations.md, "Alerts".'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    overrideQueryTimeRange: 'P2D'
    criteria: {
      allOf: [
        {
          query: '${runFinishedTraces} | where timestamp > ago(${runPeriodHours + alertSlackHours}h) | where RuntimeStatus == "Completed" | summarize Completed = count() | where Completed == 0 and now() > datetime(${deployedAt}) + ${runPeriodHours + alertSlackHours}h'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output functionAppName string = functionApp.name
output functionAppHostName string = functionApp.properties.defaultHostName
output storageAccountName string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output packagesContainerName string = packagesContainer.name
output taskHubName string = taskHubName
output planKind string = planKind
output keyVaultName string = vault.name
output identityClientId string = identity.properties.clientId
output appInsightsName string = appInsights.name
output logAnalyticsWorkspaceName string = workspace.name
