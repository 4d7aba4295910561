// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API: load the
// polyfill first. Every lib/pem module imports the library through this file so the order always holds.
import "reflect-metadata";

export { X509Certificate } from "@peculiar/x509";
