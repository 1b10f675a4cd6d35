// The alert rule aadsts-bot recommends: every 5 minutes, count failed Entra ID sign-ins per error code in a
// Log Analytics workspace that receives the SigninLogs diagnostic category, and post one alert per code to the
// bot's /api/alerts webhook in the Azure Monitor common alert schema.
//
// signin-alert-rule.json is the same template in ARM JSON (what deploy.sh uses); keep the two in step:
// deploy/alerts/check-templates.py compares them.

@description('Resource ID of the Log Analytics workspace that receives SigninLogs (/subscriptions/.../resourceGroups/.../providers/Microsoft.OperationalInsights/workspaces/...).')
param workspaceResourceId string

@description('The bot\'s alert webhook with its token: https://<host>/api/alerts?token=<ALERTS_TOKEN>.')
@secure()
param alertsWebhookUrl string

@description('Region of the alert rule; the workspace\'s region is the natural choice.')
param location string = resourceGroup().location

@description('Name of the scheduled query rule.')
param ruleName string = 'aadsts-signin-failures'

@description('Name of the action group that calls the bot.')
param actionGroupName string = 'aadsts-bot'

@description('Short name of the action group (at most 12 characters), shown in notifications.')
@maxLength(12)
param actionGroupShortName string = 'aadsts-bot'

@description('An alert fires for a code when more failures than this carry it in one 5-minute window.')
@minValue(0)
param threshold int = 0

@description('Alert severity, 0 (critical) to 4 (verbose).')
@allowed([
  0
  1
  2
  3
  4
])
param severity int = 2

@description('Whether the rule runs.')
param enabled bool = true

// The query is the .kql file beside this one, so the two cannot drift apart.
var query = loadTextContent('signin-failures.kql')

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    webhookReceivers: [
      {
        name: 'aadsts-bot-webhook'
        serviceUri: alertsWebhookUrl
        useCommonAlertSchema: true
        useAadAuth: false
      }
    ]
  }
}

resource signinFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: ruleName
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Entra ID sign-in failures by AADSTS code'
    description: 'Failed sign-ins in SigninLogs, counted per ResultType (the AADSTS code) every 5 minutes; aadsts-bot explains each code where the alert lands.'
    severity: severity
    enabled: enabled
    scopes: [
      workspaceResourceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: query
          timeAggregation: 'Count'
          // Log search alerts (Log Alerts V2) carry no result rows, only the dimension values of each alert,
          // so the code must be a dimension: one alert per ResultType, with the count as metricValue.
          dimensions: [
            {
              name: 'ResultType'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    // Each window's failures are news of their own; a "resolved" notification would tell the bot nothing.
    autoMitigate: false
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output actionGroupId string = actionGroup.id
output ruleId string = signinFailures.id
