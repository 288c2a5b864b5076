// Replaced by the moto server lifecycle once the CloudWatch engine lands.
export default function setup(): void {}
