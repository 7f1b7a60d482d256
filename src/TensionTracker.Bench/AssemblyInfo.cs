// JasperFx finds this assembly's command (bench) when the `tension` CLI runs it.
[assembly: JasperFx.JasperFxAssembly]
