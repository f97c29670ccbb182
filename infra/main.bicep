// DriveSync on Azure: one resource group holding
//   - a user-assigned managed identity (the app's only credential for Storage and Key Vault),
//   - a storage account (output + state containers, work queue, package container; no shared keys, no public blobs, TLS 1.2),
//   - Key Vault (RBAC) for the Google service-account key and the pseudonym key, referenced from app settings,
//   - Log Analytics + workspace-based Application Insights,
//   - an Elastic Premium (EP1) Linux plan and the Function App running the custom-handler package,
//   - three log alerts: a run failed, quarantines above a threshold, no successful run in 26 hours.
// Why EP1 and not Flex Consumption or Dedicated: docs/operations.md, "Choice of hosting plan".
// Deploy: docs/operations.md. Keep infra/main.parameters.json and local.settings.sample.json in step
// (tests/DriveSync.Deployment.Tests checks the app settings below against the app's options classes).

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

@description('Queue carrying batch and coordinator messages (read by the ProcessWork queue trigger).')
param workQueueName string = 'drivesync-work'

@description('Container the deployment packages are uploaded to; WEBSITE_RUN_FROM_PACKAGE points into it.')
param packagesContainerName string = 'deployments'

@description('URL of the package blob to run, e.g. https://<account>.blob.core.windows.net/deployments/drivesync-<version>.zip. Empty on the very first deployment (before a package is uploaded).')
param packageUri string = ''

@description('Elastic Premium size: EP1 (1 core, 3.5 GB), EP2 (2 cores, 7 GB), EP3 (4 cores, 14 GB).')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Most instances the plan scales out to.')
@minValue(1)
@maxValue(100)
param maximumInstanceCount int = 10

@description('Instances kept warm at all times (Elastic Premium bills at least one).')
@minValue(1)
@maxValue(20)
param alwaysReadyInstanceCount int = 1

@description('Alert when more files than this are quarantined within one hour.')
@minValue(1)
param quarantineAlertThreshold int = 50

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
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
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

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource workQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: workQueueName
}

resource identityBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
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

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${namePrefix}-${suffix}'
  location: location
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: maximumInstanceCount
  }
}

// No WEBSITE_CONTENTAZUREFILECONNECTIONSTRING / WEBSITE_CONTENTSHARE: Azure Files needs a shared key, which this
// storage account refuses. The app instead runs from a package blob read with the managed identity
// ("Create an app without Azure Files" in the Functions storage documentation).
resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
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
    siteConfig: {
      // Custom handlers bring their own executable: the Functions stacks API gives an empty linuxFxVersion for them.
      linuxFxVersion: ''
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      use32BitWorkerProcess: false
      functionAppScaleLimit: maximumInstanceCount
      minimumElasticInstanceCount: alwaysReadyInstanceCount
      preWarmedInstanceCount: 1
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'custom'
        }
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
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: packageUri
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
          value: identity.id
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
        {
          name: 'DriveSync__Timer__Container'
          value: stateContainer.name
        }
      ]
    }
  }
  dependsOn: [
    identityBlobData
    identityQueueData
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

resource runFailedAlert 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${namePrefix}-run-failed'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'DriveSync: a run failed'
    description: 'A RunCompleted event with RuntimeStatus Failed was emitted. See docs/operations.md, section 10 (re-run after a failure).'
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
          query: 'customEvents | where name == "RunCompleted" | where tostring(customDimensions.RuntimeStatus) == "Failed" | project timestamp, RunId = tostring(customDimensions.RunId), FailureReason = tostring(customDimensions.FailureReason)'
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

resource quarantineAlert 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${namePrefix}-quarantines'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'DriveSync: quarantines above ${quarantineAlertThreshold} per hour'
    description: 'More files than the threshold were quarantined (FileQuarantined events) within one hour. See docs/operations.md, section 8 (alerts table).'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'customEvents | where name == "FileQuarantined"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: quarantineAlertThreshold
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

// The query reads its own 26 h range; overrideQueryTimeRange widens the rule's window (1 h) so those rows are returned.
resource noSuccessAlert 'Microsoft.Insights/scheduledQueryRules@2022-06-15' = {
  name: 'alert-${namePrefix}-no-success-26h'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'DriveSync: no successful run in 26 hours'
    description: 'No RunCompleted event with RuntimeStatus Completed in the last 26 hours (the daily schedule plus slack). See docs/operations.md, section 8 (alerts table).'
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
          query: 'customEvents | where timestamp > ago(26h) | where name == "RunCompleted" | where tostring(customDimensions.RuntimeStatus) == "Completed" | summarize Successes = count() | where Successes == 0'
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
output keyVaultName string = vault.name
output identityClientId string = identity.properties.clientId
output appInsightsName string = appInsights.name
output logAnalyticsWorkspaceName string = workspace.name
