{{- define "aadsts-bot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aadsts-bot.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "aadsts-bot.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "aadsts-bot.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "aadsts-bot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aadsts-bot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "aadsts-bot.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "aadsts-bot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "aadsts-bot.secretName" -}}
{{- default (include "aadsts-bot.fullname" .) .Values.existingSecret -}}
{{- end -}}

{{/* "true" when the state lives in PostgreSQL, empty for the embedded store. */}}
{{- define "aadsts-bot.postgres" -}}
{{- if or .Values.database.url (and .Values.existingSecret .Values.database.inExistingSecret) -}}true{{- end -}}
{{- end -}}

{{/* Secret keys (named after the environment variables) and the values that fill them. */}}
{{- define "aadsts-bot.secretValues" -}}
SLACK_BOT_TOKEN: {{ .Values.slack.botToken | quote }}
SLACK_SIGNING_SECRET: {{ .Values.slack.signingSecret | quote }}
SLACK_APP_TOKEN: {{ .Values.slack.appToken | quote }}
SLACK_CLIENT_ID: {{ .Values.slack.clientId | quote }}
SLACK_CLIENT_SECRET: {{ .Values.slack.clientSecret | quote }}
SLACK_STATE_KEY: {{ .Values.slack.stateKey | quote }}
MicrosoftAppPassword: {{ .Values.teams.appPassword | quote }}
ALERTS_TOKEN: {{ .Values.alerts.token | quote }}
ALERTS_SIGNING_SECRET: {{ .Values.alerts.signingSecret | quote }}
DATABASE_URL: {{ .Values.database.url | quote }}
{{- end -}}

{{/*
  The embedded H2 file can be opened by one process only; a second replica would fail to start or,
  worse, on separate volumes each replica would keep its own alerts and conversations.
*/}}
{{- define "aadsts-bot.checkReplicas" -}}
{{- if not (include "aadsts-bot.postgres" .) -}}
{{- if gt (int .Values.replicaCount) 1 -}}
{{- fail (printf "replicaCount=%d needs PostgreSQL: the embedded store (H2 under /data) can be opened by one process only. Set database.url, or existingSecret with DATABASE_URL and database.inExistingSecret=true, or keep replicaCount=1." (int .Values.replicaCount)) -}}
{{- end -}}
{{- if .Values.autoscaling.enabled -}}
{{- fail "autoscaling.enabled needs PostgreSQL: the embedded store (H2 under /data) can be opened by one process only. Set database.url, or existingSecret with DATABASE_URL and database.inExistingSecret=true." -}}
{{- end -}}
{{- end -}}
{{- end -}}
