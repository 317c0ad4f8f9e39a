# The worker image: the SDK builds a self-contained linux-x64 ReadyToRun publish (no .NET runtime needed in the image,
# faster start), a runtime-deps image runs it as a non-root user.
# Works with a read-only root filesystem: downloads and temp files go to /scratch (a volume).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TigerImport.Cli/TigerImport.Cli.csproj -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o /app
# The command is `tigerimport` in the image too (the apphost is named after the assembly, TigerImport.Cli).
RUN ln -s TigerImport.Cli /app/tigerimport

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app ./
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
