# The worker image, multi-arch (linux/amd64 and linux/arm64: Graviton Fargate, Apple Silicon):
#   docker buildx build --platform linux/amd64,linux/arm64 -t REPO:TAG --push .
# The SDK stage runs on the builder's own platform ($BUILDPLATFORM, no emulation) and cross-publishes a self-contained
# ReadyToRun build for the target's runtime identifier (no .NET runtime needed in the image, faster start); a
# runtime-deps image of the target platform runs it as a non-root user. A plain `docker build` builds the builder's own.
# Works with a read-only root filesystem: downloads and temp files go to /scratch (a volume).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
# Docker's architecture names (or, on a builder that sets no TARGETARCH, the machine's) → .NET's runtime identifiers;
# any other platform stops the build here, naming the two.
RUN arch="${TARGETARCH:-$(uname -m)}"; case "$arch" in amd64|x86_64) echo linux-x64 ;; arm64|aarch64) echo linux-arm64 ;; *) echo "The image is built for linux/amd64 and linux/arm64 only, not $arch." >&2; exit 1 ;; esac >/tmp/rid
RUN dotnet publish src/TigerImport.Cli/TigerImport.Cli.csproj -c Release -r "$(cat /tmp/rid)" --self-contained -p:PublishReadyToRun=true -o /app
# The RDS CA bundle for sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem (docs/database-role.md): fetched
# from AWS's trust store at build time (a build-time network fetch, as every package install in a Docker build is).
RUN mkdir -p /rds && curl -fsSL --retry 3 -o /rds/global-bundle.pem https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem \
    && grep -q "BEGIN CERTIFICATE" /rds/global-bundle.pem && chmod 644 /rds/global-bundle.pem
# The command is `tigerimport` in the image too (the apphost is named after the assembly, TigerImport.Cli).
RUN ln -s TigerImport.Cli /app/tigerimport

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app ./
COPY --from=build /rds/global-bundle.pem /etc/ssl/rds/global-bundle.pem
# The samples let `docker compose up` run the demo import without any download.
COPY samples ./samples
ENV TIGER_TEMP_DIR=/scratch \
    TMPDIR=/scratch \
    DOTNET_gcServer=0 \
    DOTNET_NOLOGO=1
VOLUME /scratch
# "app" (uid 1654) is the non-root user the .NET images ship.
USER app
ENTRYPOINT ["/app/tigerimport"]
CMD ["import"]
