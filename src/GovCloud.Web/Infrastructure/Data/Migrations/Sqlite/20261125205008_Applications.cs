using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CatalogItems",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogItems", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "MigrationRateSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Systems = table.Column<int>(type: "INTEGER", nullable: false),
                    Migrated = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MigrationRateSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MigrationRateSnapshots_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NetworkZones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ServerTypes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OsImages = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CapacityVcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityMemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityStorageGb = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityBandwidthMbps = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityPublicIps = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkZones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoolSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    ZoneId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EffectiveVcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveMemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveStorageGb = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedVcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedMemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedStorageGb = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResourceApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AgencyContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AgencyContactMobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AgencyContactEmail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    VendorContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    VendorContactMobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    VendorContactEmail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedFrom = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvaluationOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvaluatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SurveyDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SurveyPeople = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SurveyFindings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewExperts = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReviewMinutes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewConclusion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecisionOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResourceApplications_DeadlineClocks_OpenClockId",
                        column: x => x.OpenClockId,
                        principalTable: "DeadlineClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResourceApplications_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResourceApplications_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CatalogPrices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Component = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ComponentName = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogPrices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CatalogPrices_CatalogItems_ItemCode",
                        column: x => x.ItemCode,
                        principalTable: "CatalogItems",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PoolCapacityChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ZoneId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Vcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    StorageGb = table.Column<int>(type: "INTEGER", nullable: false),
                    BandwidthMbps = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicIps = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolCapacityChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PoolCapacityChanges_NetworkZones_ZoneId",
                        column: x => x.ZoneId,
                        principalTable: "NetworkZones",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationAttachments_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationVms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    No = table.Column<int>(type: "INTEGER", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubsystemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ServerType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OwnerNames = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerEmails = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OwnerMobiles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Vcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemDiskGb = table.Column<int>(type: "INTEGER", nullable: false),
                    DataDiskGb = table.Column<int>(type: "INTEGER", nullable: false),
                    OperatingSystem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Clustered = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClusterGroup = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AdjustedVcpu = table.Column<int>(type: "INTEGER", nullable: true),
                    AdjustedMemoryGb = table.Column<int>(type: "INTEGER", nullable: true),
                    AdjustedSystemDiskGb = table.Column<int>(type: "INTEGER", nullable: true),
                    AdjustedDataDiskGb = table.Column<int>(type: "INTEGER", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Approved = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationVms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationVms_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequestedServices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestedServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestedServices_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationAttachments_ApplicationId",
                table: "ApplicationAttachments",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationVms_ApplicationId_No",
                table: "ApplicationVms",
                columns: new[] { "ApplicationId", "No" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationVms_Zone_Approved",
                table: "ApplicationVms",
                columns: new[] { "Zone", "Approved" });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogPrices_ItemCode_Component_EffectiveFrom",
                table: "CatalogPrices",
                columns: new[] { "ItemCode", "Component", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MigrationRateSnapshots_Month_OrganisationId",
                table: "MigrationRateSnapshots",
                columns: new[] { "Month", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MigrationRateSnapshots_OrganisationId",
                table: "MigrationRateSnapshots",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkZones_Name",
                table: "NetworkZones",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PoolCapacityChanges_ZoneId",
                table: "PoolCapacityChanges",
                column: "ZoneId");

            migrationBuilder.CreateIndex(
                name: "IX_PoolSnapshots_Month_ZoneId",
                table: "PoolSnapshots",
                columns: new[] { "Month", "ZoneId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestedServices_ApplicationId_ItemCode",
                table: "RequestedServices",
                columns: new[] { "ApplicationId", "ItemCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_Number",
                table: "ResourceApplications",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_OpenClockId",
                table: "ResourceApplications",
                column: "OpenClockId");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_OrganisationId_State",
                table: "ResourceApplications",
                columns: new[] { "OrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_State_CreatedAt",
                table: "ResourceApplications",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ResourceApplications_SystemId",
                table: "ResourceApplications",
                column: "SystemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationAttachments");

            migrationBuilder.DropTable(
                name: "ApplicationVms");

            migrationBuilder.DropTable(
                name: "CatalogPrices");

            migrationBuilder.DropTable(
                name: "MigrationRateSnapshots");

            migrationBuilder.DropTable(
                name: "PoolCapacityChanges");

            migrationBuilder.DropTable(
                name: "PoolSnapshots");

            migrationBuilder.DropTable(
                name: "RequestedServices");

            migrationBuilder.DropTable(
                name: "CatalogItems");

            migrationBuilder.DropTable(
                name: "NetworkZones");

            migrationBuilder.DropTable(
                name: "ResourceApplications");
        }
    }
}
