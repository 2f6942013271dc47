# syntax=docker/dockerfile:1
# The simulator (plays restaurants and couriers through the Order service's FulfillmentApi), for the compose stack's
# optional "simulator" profile. Built from the repository root: docker build -f deploy/simulator.Dockerfile .
# Multi-stage: the SDK image restores and publishes; the runtime image holds only the published app and runs it as
# the unprivileged user the .NET images ship ($APP_UID). Image tags come from .env through docker-compose.temporal.yml.
ARG DOTNET_SDK_VERSION=10.0
ARG DOTNET_RUNTIME_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_SDK_VERSION} AS build
WORKDIR /src
# Restore from the project files alone, so the package layer is rebuilt only when a reference changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Protos/Protos.csproj Protos/
COPY Services/ServiceDefaults/ServiceDefaults.csproj Services/ServiceDefaults/
COPY DevServer/DevServer.csproj DevServer/
COPY Orchestrator/Orchestrator.csproj Orchestrator/
COPY Simulator/Simulator.csproj Simulator/
RUN dotnet restore Simulator/Simulator.csproj
# Then the sources of exactly those projects (.dockerignore keeps bin/, obj/ and local data out).
COPY Protos/ Protos/
COPY Services/ServiceDefaults/ Services/ServiceDefaults/
COPY DevServer/ DevServer/
COPY Orchestrator/ Orchestrator/
COPY Simulator/ Simulator/
RUN dotnet publish Simulator/Simulator.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_RUNTIME_VERSION}
WORKDIR /app
COPY --from=build /app ./
# Outside Development the simulator is off unless Simulator__Enabled=true (the compose file sets it).
ENV DOTNET_ENVIRONMENT=Production
USER $APP_UID
ENTRYPOINT ["dotnet", "FoodDelivery.Simulator.dll"]
