// aadsts-bot's Teams-native home on Azure, in one resource-group deployment:
// Log Analytics, a user-assigned managed identity, Key Vault with the credentials, a Container Apps
// environment and app running the image, the Azure Bot with its Microsoft Teams channel, optionally a
// PostgreSQL flexible server, and the sign-in alert rule from deploy/alerts wired to the app's URL.
//
// main.json is the same template as ARM JSON; keep the two in step (the deploy module's AzureTemplatesTest
// compares them).

@description('Prefix of every resource name (lower-case letters and digits, 3 to 12 characters).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'aadstsbot'

@description('Region of the regional resources (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('The container image, e.g. myregistry.azurecr.io/aadsts-bot:0.1.0.')
param image string

@description('How the bot authenticates to the Bot Framework: UserAssignedMSI (the identity below, no secret) or SingleTenant (an app registration with a client secret).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the app registration\'s Application (client) ID.')
param botAppId string = ''

@description('SingleTenant only: the app registration\'s client secret.')
@secure()
param botAppPassword string = ''

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Create an Azure Database for PostgreSQL flexible server; without it the app keeps its state in the container (one replica, lost on restart).')
param deployPostgres bool = true

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'aadstsbot'

@description('PostgreSQL administrator password (letters and digits keep the connection URL simple).')
@secure()
param postgresAdminPassword string = ''

@description('Most replicas the app scales out to (1 without PostgreSQL).')
@minValue(1)
@maxValue(10)
param maxReplicas int = 3

@description('Bearer token of the alert webhook (ALERTS_TOKEN); empty: no webhook and no alert rule.')
@secure()
param alertsToken string = ''

@description('Where alerts without a matching route are posted in Teams: Team/Channel or a conversation id.')
param alertsTeamsChannel string = ''

@description('Deploy the sign-in alert rule (deploy/alerts) against the workspace below; needs alertsToken.')
param deploySigninAlert bool = true

@description('Resource ID of the Log Analytics workspace that receives the Entra ID SigninLogs; empty: the workspace this template creates (point the Entra diagnostic setting at it).')
param signinLogsWorkspaceId string = ''

@description('Slack bot token (xoxb-...), optional: the same app can serve Slack too.')
@secure()
param slackBotToken string = ''

@description('Slack app-level token (xapp-...) for Socket Mode, optional.')
@secure()
param slackAppToken string = ''

var tenantId = tenant().tenantId
var vaultName = '${namePrefix}-${uniqueString(resourceGroup().id)}'
var vaultUri = 'https://${vaultName}${environment().suffixes.keyvaultDns}/'
var replicasMax = deployPostgres ? maxReplicas : 1
var withAlerts = !empty(alertsToken)
// Key Vault Secrets User: read secret values, nothing else.
var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
// Each credential becomes a Key Vault secret, a Container Apps secret that references it through the
// identity, and an environment variable. Only the ones given are created.
var credentials = filter([
  {
    name: 'microsoft-app-password'
    env: 'MicrosoftAppPassword'
    value: botAppPassword
  }
  {
    name: 'alerts-token'
    env: 'ALERTS_TOKEN'
    value: alertsToken
  }
  {
    name: 'slack-bot-token'
    env: 'SLACK_BOT_TOKEN'
    value: slackBotToken
  }
  {
    name: 'slack-app-token'
    env: 'SLACK_APP_TOKEN'
    value: slackAppToken
  }
], c => !empty(c.value))
var databaseSecret = deployPostgres ? [
  {
    name: 'database-url'
    env: 'DATABASE_URL'
  }
] : []
var appSecrets = concat(map(credentials, c => {
  name: c.name
  env: c.env
}), databaseSecret)

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource credentialSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for c in credentials: {
  parent: vault
  name: c.name
  properties: {
    value: c.value
  }
}]

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = if (deployPostgres) {
  name: '${namePrefix}-pg-${uniqueString(resourceGroup().id)}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'aadsts'
}

// 0.0.0.0-0.0.0.0 is PostgreSQL's "allow Azure services" rule (Container Apps' outbound addresses vary).
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deployPostgres) {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${postgresAdminPassword}@${postgres.properties.fullyQualifiedDomainName}:5432/aadsts?sslmode=require'
  }
}

resource appEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    vaultSecretsUser
    credentialSecrets
    databaseUrlSecret
  ]
  properties: {
    environmentId: appEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 3978
        transport: 'auto'
        allowInsecure: false
      }
      secrets: [for s in appSecrets: {
        name: s.name
        keyVaultUrl: '${vaultUri}secrets/${s.name}'
        identity: identity.id
      }]
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat([
            {
              name: 'PORT'
              value: '3978'
            }
            {
              name: 'BIND_ADDRESS'
              value: '0.0.0.0'
            }
            {
              name: 'MANAGEMENT_PORT'
              value: '9464'
            }
            {
              name: 'MANAGEMENT_BIND_ADDRESS'
              value: '0.0.0.0'
            }
            {
              name: 'LOG_FORMAT'
              value: 'json'
            }
            {
              name: 'DATA_DIR'
              value: '/data'
            }
            {
              name: 'MicrosoftAppType'
              value: botAppType
            }
            {
              name: 'MicrosoftAppId'
              value: botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
            }
            {
              name: 'MicrosoftAppTenantId'
              value: tenantId
            }
          ], empty(alertsTeamsChannel) ? [] : [
            {
              name: 'ALERTS_TEAMS_CHANNEL'
              value: alertsTeamsChannel
            }
          ], map(appSecrets, s => {
            name: s.env
            secretRef: s.name
          }))
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/livez'
                port: 3978
              }
              periodSeconds: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 3978
              }
              periodSeconds: 5
            }
            {
              type: 'Startup'
              httpGet: {
                path: '/livez'
                port: 3978
              }
              periodSeconds: 2
              failureThreshold: 30
            }
          ]
          volumeMounts: [
            {
              volumeName: 'data'
              mountPath: '/data'
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'data'
          storageType: 'EmptyDir'
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: replicasMax
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'aadsts-bot'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppType: botAppType
    msaAppId: botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: botAppType == 'UserAssignedMSI' ? identity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

module signinAlert '../alerts/signin-alert-rule.bicep' = if (withAlerts && deploySigninAlert) {
  name: '${namePrefix}-signin-alert'
  params: {
    workspaceResourceId: empty(signinLogsWorkspaceId) ? logs.id : signinLogsWorkspaceId
    alertsWebhookUrl: 'https://${app.properties.configuration.ingress.fqdn}/api/alerts?token=${alertsToken}'
    location: location
  }
}

output appUrl string = 'https://${app.properties.configuration.ingress.fqdn}'
output messagingEndpoint string = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
output botAppId string = botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
output keyVaultName string = vault.name
