"use client";

import { dataflowHostPlaceholder } from "@/lib/schemas/dataflow-endpoint-defaults";
import { hostFormat, kindId, type EndpointKind } from "./endpoint-kinds";
import { useFieldError } from "./field-error";
import { useEndpointFormContext } from "./form-context";
import { TextField } from "./text-field";

/** Where each kind's host is, in words (the format is said by the field's hint too). */
const HOST_HINTS: Record<string, string> = {
  "Mqtt-LocalBroker": "The Azure IoT Operations broker's service and port, as host:port.",
  "Mqtt-EventGrid": "The namespace's MQTT hostname and port 8883, as host:port.",
  "Mqtt-CustomMqtt": "The broker's host and port, as host:port (no scheme).",
  "Kafka-Eventhub": "The namespace's Kafka endpoint: <namespace>.servicebus.windows.net:9093.",
  "Kafka-FabricRT": "The eventstream's Kafka bootstrap server, as host:port.",
  "Kafka-CustomKafka": "A bootstrap server's host and port, as host:port (no scheme).",
  DataExplorer: "The cluster's URI, an https:// URL.",
  DataLakeStorage: "The storage account's endpoint, an https:// URL.",
  FabricOneLake: "OneLake's endpoint, an https:// URL.",
  OpenTelemetry: "The collector's host and port, as host:port (no scheme).",
};

/** Where the endpoint is: its host, and what each kind needs besides (database, lakehouse, volume claim). */
export function ConnectionFields({ kind }: { kind: EndpointKind }) {
  const format = hostFormat(kind.endpointType);
  return (
    <section aria-labelledby="dataflow-endpoint-connection-heading" className="flex flex-col gap-4" data-testid="dataflow-endpoint-connection">
      <h3 id="dataflow-endpoint-connection-heading" className="text-sm font-semibold text-slate-900">Connection</h3>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {format ? (
          <TextField
            path="host"
            label={format === "https" ? "Host URL" : "Host"}
            hint={HOST_HINTS[kindId(kind)]}
            placeholder={dataflowHostPlaceholder(kind.endpointType, kind.hostType)}
            testId="dataflow-endpoint-host"
            mono
            className="md:col-span-2"
          />
        ) : null}
        {kind.endpointType === "DataExplorer" ? (
          <TextField path="database" label="Database" hint="The Data Explorer database the data flow writes to." testId="dataflow-endpoint-database" />
        ) : null}
        {kind.endpointType === "FabricOneLake" ? <OneLakeFields /> : null}
        {kind.endpointType === "LocalStorage" ? (
          <TextField path="persistentVolumeClaimRef" label="Persistent volume claim"
            hint="The name of a PersistentVolumeClaim in the instance's namespace; the data is written to its volume."
            testId="dataflow-endpoint-pvc" mono />
        ) : null}
      </div>
    </section>
  );
}

function OneLakeFields() {
  const { register } = useEndpointFormContext();
  const pathTypeError = useFieldError("oneLakePathType");
  return (
    <>
      <TextField path="workspaceName" label="Workspace" hint="The Fabric workspace's name." testId="dataflow-endpoint-workspace" />
      <TextField path="lakehouseName" label="Lakehouse" hint="The lakehouse in that workspace." testId="dataflow-endpoint-lakehouse" />
      <fieldset className="flex flex-col gap-1" data-testid="dataflow-endpoint-path-type"
        aria-describedby={["dataflow-endpoint-path-type-hint", pathTypeError ? "dataflow-endpoint-path-type-error" : ""].join(" ").trim()}>
        <legend className="text-sm font-medium text-slate-800">Path type</legend>
        <div className="flex gap-4">
          {(["Tables", "Files"] as const).map((t) => (
            <label key={t} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" value={t} {...register("oneLakePathType")} data-testid={`dataflow-endpoint-path-type-${t}`} />
              {t}
            </label>
          ))}
        </div>
        <p id="dataflow-endpoint-path-type-hint" className="text-xs text-slate-700">
          Tables: Delta tables the lakehouse shows as tables. Files: files under the lakehouse&apos;s Files folder.
        </p>
        {pathTypeError ? (
          <p id="dataflow-endpoint-path-type-error" className="text-xs font-medium text-red-800" data-testid="dataflow-endpoint-path-type-error">{pathTypeError}</p>
        ) : null}
      </fieldset>
    </>
  );
}
